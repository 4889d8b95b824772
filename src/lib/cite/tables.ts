/**
 * The catalogue as CSV tables (/data/programs.csv, speakers.csv, materials.csv,
 * videos.csv): one row per program, per appearance of a person, per material,
 * per video, all keyed by the program id. Made from archive.json's records, so
 * the tables and the JSON cannot disagree. csv-stringify quotes what needs it.
 */
import { stringify } from 'csv-stringify/sync';
import type { ArchiveData } from './data.ts';

export const TABLES = ['programs', 'speakers', 'materials', 'videos'] as const;
export type TableName = (typeof TABLES)[number];

type Cell = string | number | boolean | null;

function table(columns: string[], rows: Cell[][]): string {
  // Empty cell = unknown (null); "\r\n" as RFC 4180 says; a BOM so spreadsheet programs read UTF-8 Japanese.
  return `\uFEFF${stringify(rows.map((row) => row.map((cell) => (cell === null ? '' : cell))), { header: true, columns, record_delimiter: 'windows', cast: { boolean: (value) => (value ? 'true' : 'false') } })}`;
}

export function csvTable(data: ArchiveData, name: TableName): string {
  switch (name) {
    case 'programs':
      return table(
        ['id', 'year', 'code', 'title', 'title_en', 'date', 'start', 'end', 'type', 'room', 'speakers', 'materials', 'videos', 'tags', 'rights', 'url'],
        data.programs.map((program) => [
          program.id, program.year, program.code, program.title, program.titleEn, program.date, program.time?.start ?? null, program.time?.end ?? null,
          program.type, program.room,
          [...program.speakers, ...program.subTalks.flatMap((talk) => talk.speakers)].map((speaker) => speaker.id).filter((id, index, all) => all.indexOf(id) === index).join(';'),
          program.materials.length, program.videos.length, program.tags.join(';'), program.rights, program.url,
        ]),
      );
    case 'speakers':
      return table(
        ['program_id', 'sub_talk', 'person_id', 'name', 'affiliation', 'role', 'year'],
        data.programs.flatMap((program) => [
          ...program.speakers.map((speaker): Cell[] => [program.id, null, speaker.id, speaker.name, speaker.affiliation, speaker.role, program.year]),
          ...program.subTalks.flatMap((talk) => talk.speakers.map((speaker): Cell[] => [program.id, talk.code, speaker.id, speaker.name, speaker.affiliation, speaker.role, program.year])),
        ]),
      );
    case 'materials':
      return table(
        ['program_id', 'kind', 'title', 'speaker', 'lang', 'url', 'page', 'bytes', 'sha256', 'pages', 'outcome', 'pages_with_text', 'original_url', 'rights'],
        data.programs.flatMap((program) =>
          program.materials.map((material): Cell[] =>
            material.kind === 'file'
              ? [program.id, 'file', material.title, material.speaker, material.lang, material.file, material.page, material.bytes, material.sha256, material.pages, material.outcome, material.pagesWithText, material.originalUrl, material.rights]
              : [program.id, 'link', material.title, material.speaker, material.lang, material.url, null, null, null, null, null, null, null, material.rights],
          ),
        ),
      );
    case 'videos':
      return table(
        ['program_id', 'sub_talk', 'id', 'platform', 'title', 'published', 'duration_seconds', 'linked_by', 'url'],
        data.programs.flatMap((program) => program.videos.map((video): Cell[] => [program.id, video.subTalk, video.id, video.platform, video.title, video.published, video.duration, video.linkedBy, video.url])),
      );
  }
}
