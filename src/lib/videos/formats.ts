/**
 * Export formats an importer reads, detected from the content (never the file name):
 *
 * - YouTube Data API v3 playlistItems.list response (kind youtube#playlistItemListResponse):
 *   items[].snippet.{resourceId.videoId, title, description, publishedAt, videoOwnerChannelTitle},
 *   items[].contentDetails.videoPublishedAt (preferred: snippet.publishedAt is when it was added to the playlist)
 * - YouTube Data API v3 videos.list response (kind youtube#videoListResponse):
 *   items[].{id, snippet.{title, description, publishedAt, channelTitle}, contentDetails.duration (PT1H2M3S)}
 *   A response with contentDetails only (part=contentDetails) just adds durations.
 * - yt-dlp -J of one video: { id, title, description, upload_date YYYYMMDD, duration, chapters[] }
 * - yt-dlp -J of a playlist, full or --flat-playlist: { _type: playlist, title, entries[] }
 * - CSV with a header row; see CSV_COLUMNS.
 *
 * One bad item is a problem naming its index and field; the other items are kept.
 */
import { normaliseCode } from '../codes.ts';
import { isIsoDate } from '../dates.ts';
import { describeValue, type Problem } from '../problems.ts';
import { parseCsv, CsvError } from './csv.ts';
import type { Chapter, ProgramRef, VideoPlatform } from './schema.ts';
import { compactDate, dateInJapan, parseClock, parseIsoDuration, parseVideoUrl } from './youtube.ts';

export type ExportFormat = 'youtube-playlist-items' | 'youtube-videos' | 'yt-dlp-video' | 'yt-dlp-playlist' | 'csv';

export const FORMAT_NAMES: Record<ExportFormat, string> = {
  'youtube-playlist-items': 'YouTube Data API playlistItems.list',
  'youtube-videos': 'YouTube Data API videos.list',
  'yt-dlp-video': 'yt-dlp -J (one video)',
  'yt-dlp-playlist': 'yt-dlp -J (playlist)',
  csv: 'CSV',
};

export interface ImportedVideo {
  /** Where the item is in the export (items.3, entries.0, row 5), for messages. */
  at: string;
  id: string;
  platform: VideoPlatform;
  url: string;
  title?: string;
  published?: string;
  duration?: number;
  description?: string;
  channel?: string;
  /** Chapters the export lists itself (yt-dlp); otherwise they come from the description. */
  chapters?: Chapter[];
  series?: string;
  program?: ProgramRef;
}

export interface ParsedExport {
  format: ExportFormat | null;
  /** The playlist's title, when the export names one. */
  playlistTitle?: string;
  videos: ImportedVideo[];
  problems: Problem[];
}

/** CSV columns (header names, any case, any order). id or url is required, and title. */
export const CSV_COLUMNS = ['id', 'url', 'title', 'published', 'duration', 'description', 'year', 'code', 'subtalk', 'speaker', 'part', 'series', 'channel'] as const;

const EXPECTED_FORMATS =
  'expected YouTube Data API JSON (playlistItems.list or videos.list), yt-dlp -J JSON (one video or a playlist), or CSV with a header row naming id or url, and title';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** "at position 42" → "at line 3 column 5" when the engine did not say so itself. */
export function jsonErrorMessage(source: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/line \d+ column \d+/u.test(message)) return message;
  const position = /position (\d+)/u.exec(message);
  if (position) {
    const before = source.slice(0, Number(position[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return `${message} (line ${line} column ${column})`;
  }
  if (/end of JSON input/u.test(message)) {
    const lines = source.split('\n');
    return `${message} (line ${lines.length} column ${(lines.at(-1)?.length ?? 0) + 1}: the text stops before the JSON is complete)`;
  }
  return message;
}

export function detectFormat(data: unknown): ExportFormat | null {
  if (!isObject(data)) return null;
  const kind = typeof data['kind'] === 'string' ? data['kind'] : '';
  const items = Array.isArray(data['items']) ? data['items'] : null;
  const first = items?.find(isObject);
  if (kind === 'youtube#playlistItemListResponse' || (items && first?.['kind'] === 'youtube#playlistItem')) return 'youtube-playlist-items';
  if (kind === 'youtube#videoListResponse' || (items && first?.['kind'] === 'youtube#video')) return 'youtube-videos';
  if (items && first && isObject(first['snippet']) && isObject(first['snippet']['resourceId'])) return 'youtube-playlist-items';
  if (items && first && (isObject(first['contentDetails']) || typeof first['id'] === 'string')) return 'youtube-videos';
  if (data['_type'] === 'playlist' || Array.isArray(data['entries'])) return 'yt-dlp-playlist';
  if (typeof data['id'] === 'string' && ('upload_date' in data || 'extractor' in data || 'webpage_url' in data || data['_type'] === 'video')) return 'yt-dlp-video';
  return null;
}

/** Reads an export of any supported format. `file` names it in problems. */
export function parseExport(source: string, file: string): ParsedExport {
  const trimmed = source.replace(/^\uFEFF/u, '').trimStart();
  if (trimmed === '') {
    return { format: null, videos: [], problems: [{ file, kind: 'video', message: `${EXPECTED_FORMATS}; found an empty file` }] };
  }
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let data: unknown;
    try {
      data = JSON.parse(trimmed);
    } catch (error) {
      return { format: null, videos: [], problems: [{ file, kind: 'video', message: `expected valid JSON; the parser says: ${jsonErrorMessage(trimmed, error)}` }] };
    }
    const format = detectFormat(data);
    if (format === null || !isObject(data)) {
      const found = isObject(data) ? `JSON with top-level fields ${Object.keys(data).slice(0, 8).join(', ') || '(none)'}` : `JSON ${describeValue(data)}`;
      return { format: null, videos: [], problems: [{ file, kind: 'video', message: `${EXPECTED_FORMATS}; found ${found}` }] };
    }
    const problems: Problem[] = [];
    const ctx: Context = { file, problems };
    switch (format) {
      case 'youtube-playlist-items':
        return { format, videos: parsePlaylistItems(data, ctx), problems };
      case 'youtube-videos':
        return { format, videos: parseVideosList(data, ctx), problems };
      case 'yt-dlp-video': {
        const video = parseYtDlpVideo(data, '', ctx);
        return { format, videos: video ? [video] : [], problems };
      }
      case 'yt-dlp-playlist': {
        const title = typeof data['title'] === 'string' ? data['title'] : undefined;
        return { format, ...(title ? { playlistTitle: title } : {}), videos: parseYtDlpPlaylist(data, ctx), problems };
      }
      case 'csv':
        break;
    }
  }
  const firstLine = trimmed.split(/\r?\n/u, 1)[0] ?? '';
  const header = firstLine.split(',').map((name) => name.trim().replace(/^"|"$/gu, '').toLowerCase());
  if ((header.includes('id') || header.includes('url')) && header.includes('title')) {
    const problems: Problem[] = [];
    return { format: 'csv', videos: parseCsvExport(source, { file, problems }), problems };
  }
  return {
    format: null,
    videos: [],
    problems: [{ file, kind: 'video', message: `${EXPECTED_FORMATS}; found text starting ${describeValue(firstLine)}` }],
  };
}

interface Context {
  file: string;
  problems: Problem[];
}

function problem(ctx: Context, field: string, message: string): void {
  ctx.problems.push({ file: ctx.file, field, kind: 'video', message });
}

function optionalText(ctx: Context, value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    problem(ctx, field, `expected text; found ${describeValue(value)} (left out)`);
    return undefined;
  }
  return value.trim() === '' ? undefined : value;
}

function youtubeId(ctx: Context, value: unknown, field: string): string | null {
  if (typeof value !== 'string' || value.trim() === '') {
    problem(ctx, field, `expected a YouTube video id; found ${describeValue(value)} (item skipped)`);
    return null;
  }
  const parsed = parseVideoUrl(`https://www.youtube.com/watch?v=${encodeURIComponent(value.trim())}`);
  if (typeof parsed === 'string' || parsed.id === undefined) {
    problem(ctx, field, `expected an 11-character YouTube video id; found ${describeValue(value)} (item skipped)`);
    return null;
  }
  return parsed.id;
}

const UNAVAILABLE = new Set(['Private video', 'Deleted video', '[Private video]', '[Deleted video]']);

function parsePlaylistItems(data: Json, ctx: Context): ImportedVideo[] {
  const videos: ImportedVideo[] = [];
  const items = Array.isArray(data['items']) ? data['items'] : [];
  items.forEach((item: unknown, index) => {
    const at = `items.${index}`;
    if (!isObject(item)) {
      problem(ctx, at, `expected a playlist item object; found ${describeValue(item)} (item skipped)`);
      return;
    }
    const snippet = isObject(item['snippet']) ? item['snippet'] : null;
    if (!snippet) {
      problem(ctx, `${at}.snippet`, `expected the snippet part (request part=snippet,contentDetails); found ${describeValue(item['snippet'])} (item skipped)`);
      return;
    }
    const resource = isObject(snippet['resourceId']) ? snippet['resourceId'] : {};
    const details = isObject(item['contentDetails']) ? item['contentDetails'] : {};
    const id = youtubeId(ctx, resource['videoId'] ?? details['videoId'], `${at}.snippet.resourceId.videoId`);
    if (id === null) return;
    const title = optionalText(ctx, snippet['title'], `${at}.snippet.title`);
    if (title === undefined) {
      problem(ctx, `${at}.snippet.title`, `expected the video's title; found ${describeValue(snippet['title'])} (video ${id} skipped)`);
      return;
    }
    if (UNAVAILABLE.has(title)) {
      problem(ctx, `${at}.snippet.title`, `video ${id} is listed as "${title}"; nothing to import (skipped)`);
      return;
    }
    const published = timestampDate(ctx, details['videoPublishedAt'] ?? snippet['publishedAt'], details['videoPublishedAt'] === undefined ? `${at}.snippet.publishedAt` : `${at}.contentDetails.videoPublishedAt`);
    const description = optionalText(ctx, snippet['description'], `${at}.snippet.description`);
    const channel = optionalText(ctx, snippet['videoOwnerChannelTitle'] ?? snippet['channelTitle'], `${at}.snippet.videoOwnerChannelTitle`);
    videos.push({
      at,
      id,
      platform: 'youtube',
      url: `https://www.youtube.com/watch?v=${id}`,
      title,
      ...(published ? { published } : {}),
      ...(description === undefined ? {} : { description }),
      ...(channel === undefined ? {} : { channel }),
    });
  });
  if (!Array.isArray(data['items'])) problem(ctx, 'items', `expected a list of playlist items; found ${describeValue(data['items'])}`);
  return videos;
}

function timestampDate(ctx: Context, value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  const date = typeof value === 'string' ? dateInJapan(value) : null;
  if (date === null) {
    problem(ctx, field, `expected a timestamp like 2022-11-24T06:00:00Z; found ${describeValue(value)} (date left out)`);
    return undefined;
  }
  return date;
}

function parseVideosList(data: Json, ctx: Context): ImportedVideo[] {
  const videos: ImportedVideo[] = [];
  const items = Array.isArray(data['items']) ? data['items'] : [];
  if (!Array.isArray(data['items'])) problem(ctx, 'items', `expected a list of videos; found ${describeValue(data['items'])}`);
  items.forEach((item: unknown, index) => {
    const at = `items.${index}`;
    if (!isObject(item)) {
      problem(ctx, at, `expected a video object; found ${describeValue(item)} (item skipped)`);
      return;
    }
    const id = youtubeId(ctx, item['id'], `${at}.id`);
    if (id === null) return;
    const snippet = isObject(item['snippet']) ? item['snippet'] : null;
    const details = isObject(item['contentDetails']) ? item['contentDetails'] : null;
    let duration: number | undefined;
    if (details && details['duration'] !== undefined) {
      const parsed = typeof details['duration'] === 'string' ? parseIsoDuration(details['duration']) : null;
      if (parsed === null) problem(ctx, `${at}.contentDetails.duration`, `expected an ISO 8601 duration like PT1H2M3S; found ${describeValue(details['duration'])} (duration left out)`);
      else if (parsed > 0) duration = parsed;
    }
    let title: string | undefined;
    let published: string | undefined;
    let description: string | undefined;
    let channel: string | undefined;
    if (snippet) {
      title = optionalText(ctx, snippet['title'], `${at}.snippet.title`);
      if (title === undefined) problem(ctx, `${at}.snippet.title`, `expected the video's title; found ${describeValue(snippet['title'])}`);
      published = timestampDate(ctx, snippet['publishedAt'], `${at}.snippet.publishedAt`);
      description = optionalText(ctx, snippet['description'], `${at}.snippet.description`);
      channel = optionalText(ctx, snippet['channelTitle'], `${at}.snippet.channelTitle`);
    } else if (!details) {
      problem(ctx, at, `expected snippet or contentDetails (request part=snippet,contentDetails); found neither (video ${id} skipped)`);
      return;
    }
    videos.push({
      at,
      id,
      platform: 'youtube',
      url: `https://www.youtube.com/watch?v=${id}`,
      ...(title === undefined ? {} : { title }),
      ...(published ? { published } : {}),
      ...(duration === undefined ? {} : { duration }),
      ...(description === undefined ? {} : { description }),
      ...(channel === undefined ? {} : { channel }),
    });
  });
  return videos;
}

function parseYtDlpVideo(data: Json, prefix: string, ctx: Context): ImportedVideo | null {
  const at = prefix || '(the video)';
  const field = (name: string): string => (prefix ? `${prefix}.${name}` : name);
  const extractor = typeof data['ie_key'] === 'string' ? data['ie_key'] : typeof data['extractor_key'] === 'string' ? data['extractor_key'] : 'Youtube';
  let platform: VideoPlatform = 'youtube';
  let id: string | null;
  let url: string;
  if (/^youtube$/iu.test(extractor)) {
    id = youtubeId(ctx, data['id'], field('id'));
    if (id === null) return null;
    url = `https://www.youtube.com/watch?v=${id}`;
  } else {
    const raw = data['webpage_url'] ?? data['url'];
    const parsed = typeof raw === 'string' ? parseVideoUrl(raw) : `expected webpage_url; found ${describeValue(raw)}`;
    if (typeof parsed === 'string') {
      problem(ctx, field('webpage_url'), `${parsed} (item skipped)`);
      return null;
    }
    platform = parsed.platform;
    url = parsed.url;
    id = typeof data['id'] === 'string' && /^[A-Za-z0-9_-]{1,64}$/u.test(data['id']) ? data['id'] : null;
    if (id === null) {
      problem(ctx, field('id'), `expected a video id of A-Z, a-z, 0-9, _ and -; found ${describeValue(data['id'])} (item skipped)`);
      return null;
    }
    problem(ctx, field('webpage_url'), `expected a YouTube video; found a ${platform} video (${url}); kept, but it cannot be embedded`);
  }
  const title = optionalText(ctx, data['title'], field('title'));
  if (title === undefined) {
    problem(ctx, field('title'), `expected the video's title; found ${describeValue(data['title'])} (video ${id} skipped)`);
    return null;
  }
  if (UNAVAILABLE.has(title)) {
    problem(ctx, field('title'), `video ${id} is listed as "${title}"; nothing to import (skipped)`);
    return null;
  }
  let published: string | undefined;
  if (data['upload_date'] !== undefined && data['upload_date'] !== null) {
    const date = typeof data['upload_date'] === 'string' ? compactDate(data['upload_date']) : null;
    if (date === null) problem(ctx, field('upload_date'), `expected a date written YYYYMMDD; found ${describeValue(data['upload_date'])} (date left out)`);
    else published = date;
  } else if (typeof data['timestamp'] === 'number') {
    published = dateInJapan(new Date(data['timestamp'] * 1000).toISOString()) ?? undefined;
  }
  let duration: number | undefined;
  if (data['duration'] !== undefined && data['duration'] !== null) {
    if (typeof data['duration'] === 'number' && data['duration'] > 0) duration = Math.round(data['duration']);
    else problem(ctx, field('duration'), `expected a duration in seconds; found ${describeValue(data['duration'])} (left out)`);
  }
  const description = optionalText(ctx, data['description'], field('description'));
  const channel = optionalText(ctx, data['channel'] ?? data['uploader'], field('channel'));
  let chapters: Chapter[] | undefined;
  if (Array.isArray(data['chapters']) && data['chapters'].length > 0) {
    chapters = [];
    for (const [index, chapter] of data['chapters'].entries()) {
      const start = isObject(chapter) ? chapter['start_time'] : undefined;
      const chapterTitle = isObject(chapter) ? chapter['title'] : undefined;
      if (typeof start !== 'number' || start < 0 || typeof chapterTitle !== 'string' || chapterTitle.trim() === '') {
        problem(ctx, field(`chapters.${index}`), `expected { start_time: seconds, title: text }; found ${describeValue(chapter)} (chapters taken from the description instead)`);
        chapters = undefined;
        break;
      }
      chapters.push({ start: Math.round(start), title: chapterTitle.trim() });
    }
  }
  return {
    at,
    id,
    platform,
    url,
    title,
    ...(published ? { published } : {}),
    ...(duration === undefined ? {} : { duration }),
    ...(description === undefined ? {} : { description }),
    ...(channel === undefined ? {} : { channel }),
    ...(chapters ? { chapters } : {}),
  };
}

function parseYtDlpPlaylist(data: Json, ctx: Context): ImportedVideo[] {
  if (!Array.isArray(data['entries'])) {
    problem(ctx, 'entries', `expected a list of playlist entries; found ${describeValue(data['entries'])}`);
    return [];
  }
  const videos: ImportedVideo[] = [];
  data['entries'].forEach((entry: unknown, index) => {
    const at = `entries.${index}`;
    if (!isObject(entry)) {
      problem(ctx, at, `expected a video entry; found ${describeValue(entry)} (an unavailable video is listed as null; skipped)`);
      return;
    }
    const video = parseYtDlpVideo(entry, at, ctx);
    if (video) videos.push(video);
  });
  return videos;
}

function parseCsvExport(source: string, ctx: Context): ImportedVideo[] {
  let rows;
  try {
    rows = parseCsv(source);
  } catch (error) {
    if (error instanceof CsvError) {
      problem(ctx, `line ${error.line}`, `expected valid CSV (RFC 4180); the parser says: ${error.message} (nothing imported)`);
      return [];
    }
    throw error;
  }
  const [headerRow, ...body] = rows;
  if (!headerRow) return [];
  const header = headerRow.fields.map((name) => name.trim().toLowerCase());
  header.forEach((name, index) => {
    if (!(CSV_COLUMNS as readonly string[]).includes(name)) {
      problem(ctx, `column ${index + 1}`, `unknown column ${JSON.stringify(name)} (ignored); expected one of ${CSV_COLUMNS.join(', ')}`);
    }
  });
  const videos: ImportedVideo[] = [];
  for (const [rowIndex, row] of body.entries()) {
    const at = `row ${rowIndex + 1} (line ${row.line})`;
    if (row.fields.every((value) => value.trim() === '')) continue;
    if (row.fields.length !== header.length) {
      problem(ctx, at, `expected ${header.length} fields like the header; found ${row.fields.length} (row skipped)`);
      continue;
    }
    const cell = (name: string): string | undefined => {
      const index = header.indexOf(name);
      const value = index === -1 ? undefined : row.fields[index]?.trim();
      return value === '' ? undefined : value;
    };
    const field = (name: string): string => `${at}.${name}`;
    let id = cell('id');
    let platform: VideoPlatform = 'youtube';
    let url: string;
    const rawUrl = cell('url');
    if (rawUrl !== undefined) {
      const parsed = parseVideoUrl(rawUrl);
      if (typeof parsed === 'string') {
        problem(ctx, field('url'), `${parsed} (row skipped)`);
        continue;
      }
      platform = parsed.platform;
      url = parsed.url;
      if (parsed.id !== undefined) {
        if (id !== undefined && id !== parsed.id) {
          problem(ctx, field('id'), `expected the id of the url (${parsed.id}); found ${JSON.stringify(id)} (the url's id is used)`);
        }
        id = parsed.id;
      } else {
        problem(ctx, field('url'), `expected a YouTube video; found a ${platform} video (${url}); kept, but it cannot be embedded`);
        if (id === undefined || !/^[A-Za-z0-9_-]{1,64}$/u.test(id)) {
          problem(ctx, field('id'), `expected an id column (A-Z, a-z, 0-9, _ and -) for a video that is not on YouTube; found ${describeValue(id)} (row skipped)`);
          continue;
        }
      }
    } else {
      const checked = youtubeId(ctx, id, field('id'));
      if (checked === null) continue;
      id = checked;
      url = `https://www.youtube.com/watch?v=${id}`;
    }
    if (id === undefined) continue;
    const title = cell('title');
    if (title === undefined) {
      problem(ctx, field('title'), `expected the video's title; found nothing (row skipped)`);
      continue;
    }
    const video: ImportedVideo = { at, id, platform, url, title };
    const published = cell('published');
    if (published !== undefined) {
      const date = published.replace(/\//gu, '-').replace(/-(\d)(?!\d)/gu, '-0$1');
      if (isIsoDate(date)) video.published = date;
      else problem(ctx, field('published'), `expected a date written YYYY-MM-DD; found ${describeValue(published)} (left out)`);
    }
    const duration = cell('duration');
    if (duration !== undefined) {
      const seconds = duration.startsWith('P') ? parseIsoDuration(duration) : parseClock(duration);
      if (seconds === null || seconds <= 0) problem(ctx, field('duration'), `expected seconds, 1:02:03 or PT1H2M3S; found ${describeValue(duration)} (left out)`);
      else video.duration = seconds;
    }
    const description = cell('description');
    if (description !== undefined) video.description = description;
    const channel = cell('channel');
    if (channel !== undefined) video.channel = channel;
    const series = cell('series');
    if (series !== undefined) {
      if (/^[a-z0-9-]+$/u.test(series)) video.series = series;
      else problem(ctx, field('series'), `expected a series id of a-z, 0-9 and -; found ${describeValue(series)} (left out)`);
    }
    const year = cell('year');
    const code = cell('code');
    if (year !== undefined || code !== undefined) {
      const yearNumber = Number(year);
      const normalised = code === undefined ? null : normaliseCode(code);
      if (year === undefined || code === undefined) {
        problem(ctx, field(year === undefined ? 'year' : 'code'), `expected both year and code to name a program; found only ${year === undefined ? `code ${JSON.stringify(code)}` : `year ${JSON.stringify(year)}`} (program left out)`);
      } else if (!/^\d{4}$/u.test(year) || yearNumber < 1997) {
        problem(ctx, field('year'), `expected a year of Internet Week like 2024; found ${describeValue(year)} (program left out)`);
      } else if (normalised === null) {
        problem(ctx, field('code'), `unknown code: expected a program code such as O1, T13-2 or C03; found ${describeValue(code)} (program left out)`);
      } else {
        const subTalk = cell('subtalk');
        const speaker = cell('speaker');
        const part = cell('part');
        const program: ProgramRef = { year: yearNumber, code: normalised };
        if (subTalk !== undefined) {
          const normalisedSub = normaliseCode(subTalk);
          if (normalisedSub === null) problem(ctx, field('subtalk'), `expected a sub-talk code such as D2-1; found ${describeValue(subTalk)} (left out)`);
          else program.subTalk = normalisedSub;
        }
        if (speaker !== undefined) program.speaker = speaker;
        if (part !== undefined) {
          if (/^[1-9]\d*$/u.test(part)) program.part = Number(part);
          else problem(ctx, field('part'), `expected a part number 1, 2, …; found ${describeValue(part)} (left out)`);
        }
        video.program = program;
      }
    }
    videos.push(video);
  }
  return videos;
}
