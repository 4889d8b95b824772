/**
 * Which program each video belongs to. Pure: data in, links, suggestions and problems out.
 *
 * Precedence, first that applies wins:
 *   1. links.yaml (a person's mapping, or `none`)
 *   2. a program's own `videos:` front matter naming the video's URL
 *   3. the program an export names (a CSV's year and code columns)
 *   4. a program code written in the title (then the description) with its year,
 *      when that (year, code) exists in the archive; D2-1 links program D2, sub-talk D2-1
 * Otherwise suggestions ranked by title similarity, speaker names and date go to review.yaml.
 */
import { codeSortKey, normaliseCode } from '../codes.ts';
import type { Program } from '../content.ts';
import { displayName, nameKey, nameKeys } from '../names.ts';
import type { Problem } from '../problems.ts';
import { baseCode, detectCodes, type DetectedCode } from './detect.ts';
import type { LinkEntry, ProgramRef, ReviewEntry, Suggestion, VideoData } from './schema.ts';
import { daysBetween, titleSimilarity } from './similarity.ts';
import { parseVideoUrl } from './youtube.ts';

export interface CatalogVideo extends VideoData {
  /** The catalog file, relative to the project (content/videos/catalog/ID.yaml). */
  file: string;
}

export type LinkSource = 'links' | 'front-matter' | 'export' | 'code';

export interface ResolvedLink {
  program: Program;
  subTalk?: string;
  speaker?: string;
  part?: number;
  source: LinkSource;
  /** Human-readable reason: "links.yaml", "「IW2024 O1」 in the title". */
  evidence: string;
}

export interface LinksInput {
  /** links.yaml, relative to the project. */
  file: string;
  entries: Map<string, LinkEntry>;
}

export interface LinkResult {
  links: Map<string, ResolvedLink>;
  /** Videos a person marked `none`. */
  none: Set<string>;
  /** Every video left without a program, with its suggestions (possibly none). */
  review: ReviewEntry[];
  problems: Problem[];
}

export const SUGGESTION_LIMIT = 3;
export const SUGGESTION_THRESHOLD = 0.2;
const WEIGHTS = { title: 0.55, speaker: 0.25, date: 0.1, code: 0.3 } as const;

interface ProgramIndex {
  bySlot: Map<string, Program>;
  codesByYear: Map<number, string[]>;
}

function indexPrograms(programs: readonly Program[]): ProgramIndex {
  const bySlot = new Map<string, Program>();
  const codesByYear = new Map<number, string[]>();
  for (const program of programs) {
    if (program.normalisedCode === undefined) continue;
    bySlot.set(`${program.year}/${program.normalisedCode}`, program);
    codesByYear.set(program.year, [...(codesByYear.get(program.year) ?? []), program.normalisedCode]);
  }
  for (const codes of codesByYear.values()) codes.sort((a, b) => codeSortKey(a).localeCompare(codeSortKey(b)));
  return { bySlot, codesByYear };
}

interface Resolved {
  program: Program;
  subTalk?: string;
  /** Set when the sub-talk was dropped because the program does not list it. */
  note?: string;
}

/** (year, code[, subTalk]) → the program, or a message saying what was expected and what the archive has. */
export function resolveProgram(index: ProgramIndex, year: number, code: string, subTalk?: string): Resolved | string {
  const normalised = normaliseCode(code);
  if (normalised === null) return `unknown code: expected a program code such as O1, T13-2 or C03; found ${JSON.stringify(code)}`;
  const exact = index.bySlot.get(`${year}/${normalised}`);
  const base = exact ?? index.bySlot.get(`${year}/${baseCode(normalised)}`);
  if (!base) {
    const codes = index.codesByYear.get(year);
    if (!codes) return `expected a program ${normalised} of ${year}; the archive has no programs of ${year}`;
    const shown = codes.length > 12 ? `${codes.slice(0, 12).join(', ')}, …` : codes.join(', ');
    return `expected a program ${normalised} of ${year}; ${year} has no such code (it has ${shown})`;
  }
  const talk = subTalk ?? (exact ? undefined : normalised);
  if (talk === undefined) return { program: base };
  const normalisedTalk = normaliseCode(talk) ?? talk;
  if (base.subTalks.some((candidate) => candidate.normalisedCode === normalisedTalk)) return { program: base, subTalk: normalisedTalk };
  return { program: base, note: `program ${base.normalisedCode ?? base.slug} of ${year} lists no sub-talk ${normalisedTalk}; linked to the whole program` };
}

function refLink(ref: ProgramRef, resolved: Resolved, source: LinkSource, evidence: string): ResolvedLink {
  return {
    program: resolved.program,
    ...(resolved.subTalk === undefined ? {} : { subTalk: resolved.subTalk }),
    ...(ref.speaker === undefined ? {} : { speaker: ref.speaker }),
    ...(ref.part === undefined ? {} : { part: ref.part }),
    source,
    evidence,
  };
}

function sameTarget(a: ResolvedLink, b: ResolvedLink): boolean {
  return a.program.id === b.program.id && (a.subTalk ?? '') === (b.subTalk ?? '');
}

function describeLink(link: ResolvedLink): string {
  return `${link.program.id}${link.subTalk ? ` (${link.subTalk})` : ''}`;
}

export function linkVideos(videos: readonly CatalogVideo[], programs: readonly Program[], links: LinksInput): LinkResult {
  const index = indexPrograms(programs);
  const problems: Problem[] = [];
  const result = new Map<string, ResolvedLink>();
  const none = new Set<string>();
  const catalogIds = new Set(videos.map((video) => video.id));

  // 2. Front matter: programs naming a video URL.
  const fromFrontMatter = new Map<string, ResolvedLink>();
  for (const program of programs) {
    program.videos.forEach((entry, position) => {
      const parsed = parseVideoUrl(entry.url);
      if (typeof parsed === 'string') {
        problems.push({ file: program.file, field: `videos.${position}.url`, kind: 'video', message: parsed });
        return;
      }
      if (parsed.id === undefined || !catalogIds.has(parsed.id)) return;
      const link: ResolvedLink = { program, source: 'front-matter', evidence: `${program.file} videos.${position}` };
      const earlier = fromFrontMatter.get(parsed.id);
      if (earlier && !sameTarget(earlier, link)) {
        problems.push({
          file: program.file,
          field: `videos.${position}.url`,
          kind: 'duplicate',
          message: `video ${parsed.id} is also listed by ${earlier.program.file}; kept with ${earlier.program.id} (decide in content/videos/links.yaml)`,
        });
        return;
      }
      fromFrontMatter.set(parsed.id, link);
    });
  }

  // 1. links.yaml entries for videos not in the catalog.
  for (const id of [...links.entries.keys()].sort()) {
    if (!catalogIds.has(id)) {
      problems.push({ file: links.file, field: id, kind: 'reference', message: `expected a catalog entry content/videos/catalog/${id}.yaml for this mapping; found none (import the video, or remove the mapping)` });
    }
  }

  const review: ReviewEntry[] = [];
  const sorted = [...videos].sort((a, b) => a.id.localeCompare(b.id));
  for (const video of sorted) {
    const explicit = links.entries.get(video.id);
    const front = fromFrontMatter.get(video.id);
    let link: ResolvedLink | null = null;

    if (explicit === 'none') {
      none.add(video.id);
      if (front) problems.push({ file: links.file, field: video.id, kind: 'video', message: `marked none here, but ${front.program.file} lists this video; links.yaml wins` });
      continue;
    }
    if (explicit !== undefined) {
      const resolved = resolveProgram(index, explicit.year, explicit.code, explicit.subTalk);
      if (typeof resolved === 'string') {
        problems.push({ file: links.file, field: `${video.id}.code`, kind: 'reference', message: `${resolved} (video left unlinked)` });
      } else {
        if (resolved.note) problems.push({ file: links.file, field: `${video.id}.subTalk`, kind: 'reference', message: resolved.note });
        link = refLink(explicit, resolved, 'links', 'links.yaml');
        if (front && !sameTarget(front, link)) {
          problems.push({ file: links.file, field: video.id, kind: 'video', message: `links to ${describeLink(link)}, but ${front.program.file} lists this video; links.yaml wins` });
        }
      }
    }
    if (!link && explicit === undefined && front) link = front;
    if (!link && explicit === undefined && video.program) {
      const resolved = resolveProgram(index, video.program.year, video.program.code, video.program.subTalk);
      if (typeof resolved === 'string') {
        problems.push({ file: video.file, field: 'program.code', kind: 'reference', message: `${resolved} (as the export says; video left unlinked)` });
      } else {
        if (resolved.note) problems.push({ file: video.file, field: 'program.subTalk', kind: 'reference', message: resolved.note });
        link = refLink(video.program, resolved, 'export', 'the export names it');
      }
    }

    const detected = explicit === undefined && !link ? detectInVideo(video) : [];
    if (!link && detected.length > 0) {
      link = linkByCode(video, detected, index, problems);
    }
    if (link) {
      result.set(video.id, link);
      continue;
    }
    const suggestions = suggest(video, programs, detected);
    review.push({
      video: video.id,
      title: video.title,
      ...(video.published ? { published: video.published } : {}),
      suggestions,
    });
    const best = suggestions[0];
    problems.push({
      file: video.file,
      kind: 'video',
      message: `not linked to a program: expected a mapping in content/videos/links.yaml ({ year, code } or none)${
        best ? `; review.yaml suggests ${best.program} (score ${best.score})${suggestions.length > 1 ? ` and ${suggestions.length - 1} more` : ''}` : '; no suggestion found'
      }`,
    });
  }

  // Two videos claiming one slot (a sub-talk, a speaker or a part is its own slot).
  const slots = new Map<string, string>();
  for (const [id, link] of [...result.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const slot = [link.program.id, link.subTalk ?? '', link.speaker ?? '', link.part ?? ''].join('/');
    const other = slots.get(slot);
    if (other !== undefined) {
      const video = videos.find((candidate) => candidate.id === id);
      problems.push({
        file: link.source === 'links' ? links.file : (video?.file ?? links.file),
        ...(link.source === 'links' ? { field: id } : {}),
        kind: 'duplicate',
        message: `video ${id} and video ${other} both claim ${describeLink(link)}; expected one video a program (add subTalk, speaker or part in links.yaml when both are right)`,
      });
    } else slots.set(slot, id);
  }

  return { links: result, none, review, problems };
}

interface Located extends DetectedCode {
  field: 'title' | 'description';
}

function detectInVideo(video: CatalogVideo): Located[] {
  return [
    ...detectCodes(video.title, { leading: true }).map((found) => ({ ...found, field: 'title' as const })),
    ...detectCodes(video.description).map((found) => ({ ...found, field: 'description' as const })),
  ];
}

function linkByCode(video: CatalogVideo, detected: readonly Located[], index: ProgramIndex, problems: Problem[]): ResolvedLink | null {
  for (const field of ['title', 'description'] as const) {
    const candidates = new Map<string, { link: ResolvedLink; found: Located }>();
    for (const found of detected.filter((candidate) => candidate.field === field && candidate.year !== undefined)) {
      const year = found.year ?? 0;
      const resolved = resolveProgram(index, year, found.code);
      if (typeof resolved === 'string') {
        problems.push({ file: video.file, field, kind: 'reference', message: `「${found.written}」 names a program the archive lacks: ${resolved}` });
        continue;
      }
      if (resolved.note) problems.push({ file: video.file, field, kind: 'reference', message: resolved.note });
      const link: ResolvedLink = {
        program: resolved.program,
        ...(resolved.subTalk === undefined ? {} : { subTalk: resolved.subTalk }),
        source: 'code',
        evidence: `「${found.written}」 in the ${field}`,
      };
      const key = describeLink(link);
      if (!candidates.has(key)) candidates.set(key, { link, found });
    }
    if (candidates.size === 1) return [...candidates.values()][0]?.link ?? null;
    if (candidates.size > 1) {
      // A program and its own sub-talks: take the most specific only when they agree on the program.
      const programIds = new Set([...candidates.values()].map((candidate) => candidate.link.program.id));
      if (programIds.size === 1) {
        const first = [...candidates.values()].find((candidate) => candidate.link.subTalk === undefined) ?? [...candidates.values()][0];
        return first?.link ?? null;
      }
      problems.push({
        file: video.file,
        field,
        kind: 'video',
        message: `the ${field} names several programs (${[...candidates.keys()].join(', ')}); expected one (choose in content/videos/links.yaml; they are suggested in review.yaml)`,
      });
      return null;
    }
  }
  return null;
}

function speakerNames(program: Program): string[] {
  const names = new Set<string>();
  for (const speaker of [...program.speakers, ...program.subTalks.flatMap((talk) => talk.speakers)]) {
    names.add(speaker.name);
    if (speaker.romaji) names.add(speaker.romaji);
  }
  return [...names];
}

/** Ranked suggestions for a video without a link. */
export function suggest(video: CatalogVideo, programs: readonly Program[], detected: readonly DetectedCode[] = detectInVideo(video)): Suggestion[] {
  const haystack = nameKey(`${video.title}\n${video.description}`);
  const suggestions: Suggestion[] = [];
  for (const program of programs) {
    if (program.normalisedCode === undefined) continue;
    const reasons: string[] = [];
    let title = program.title === undefined ? 0 : titleSimilarity(video.title, program.title);
    let titleOf = program.displayTitle;
    let subTalk: { code: string; title: string } | undefined;
    if (program.titleEn) {
      const english = titleSimilarity(video.title, program.titleEn);
      if (english > title) {
        title = english;
        titleOf = program.titleEn;
      }
    }
    for (const material of [...program.decks, ...program.links]) {
      if (material.title === undefined) continue;
      const score = titleSimilarity(video.title, material.title);
      if (score > title) {
        title = score;
        titleOf = material.title;
      }
    }
    for (const talk of program.subTalks) {
      const score = titleSimilarity(video.title, talk.title);
      if (score > title) {
        title = score;
        titleOf = talk.title;
        subTalk = { code: talk.normalisedCode, title: talk.title };
      }
    }
    if (title > 0) reasons.push(`title similarity ${title.toFixed(2)} with 「${titleOf}」`);

    const speaker = speakerNames(program).find((name) => nameKeys(name).some((key) => key.length >= 2 && haystack.includes(key)));
    if (speaker) reasons.push(`speaker ${displayName(speaker)} named in the video`);

    let date = 0;
    // Only a known day can be compared with the day a video was published.
    if (video.published && program.date?.length === 10) {
      const days = daysBetween(program.date, video.published);
      if (days >= 0) {
        date = days <= 30 ? 1 : Math.max(0, 1 - (days - 30) / 700);
        if (date > 0) reasons.push(`published ${days} day(s) after the program (${program.date})`);
      } else if (days >= -14) {
        date = 0.5;
        reasons.push(`published ${-days} day(s) before the program (${program.date}), as a pre-recorded talk would be`);
      }
    }

    const code = detected.some((found) => (found.year === undefined || found.year === program.year) && (found.code === program.normalisedCode || baseCode(found.code) === program.normalisedCode));
    if (code) reasons.push(`code ${program.normalisedCode} written in the video`);

    if (title < 0.2 && !speaker && !code) continue;
    const score = Math.min(1, WEIGHTS.title * title + WEIGHTS.speaker * (speaker ? 1 : 0) + WEIGHTS.date * date + WEIGHTS.code * (code ? 1 : 0));
    if (score < SUGGESTION_THRESHOLD) continue;
    suggestions.push({
      program: program.id,
      year: program.year,
      code: subTalk?.code ?? program.normalisedCode,
      title: subTalk ? `${program.displayTitle} / ${subTalk.title}` : program.displayTitle,
      score: Math.round(score * 100) / 100,
      reasons,
    });
  }
  return suggestions
    .sort((a, b) => b.score - a.score || b.year - a.year || a.program.localeCompare(b.program))
    .slice(0, SUGGESTION_LIMIT);
}
