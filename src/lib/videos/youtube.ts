/** Video URLs, ids, timestamps and durations: the host-specific bits, all pure. */
import { YOUTUBE_ID, type VideoPlatform } from './schema.ts';

export interface ParsedVideoUrl {
  platform: VideoPlatform;
  /** The host's id (YouTube: 11 characters), when one could be read from the URL. */
  id?: string;
  /** The canonical URL: https://www.youtube.com/watch?v=ID for YouTube, else the URL as given. */
  url: string;
}

const YOUTUBE_HOSTS = new Set(['youtube.com', 'www.youtube.com', 'm.youtube.com', 'music.youtube.com', 'youtube-nocookie.com', 'www.youtube-nocookie.com']);

/**
 * Reads a video URL. YouTube forms: watch?v=, youtu.be/, embed/, shorts/, live/, v/.
 * Returns a string describing what was expected when the URL is malformed.
 */
export function parseVideoUrl(raw: string): ParsedVideoUrl | string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return `expected a video URL like https://www.youtube.com/watch?v=ID; found ${JSON.stringify(raw)}, which is not a URL`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `expected an http(s) video URL; found ${JSON.stringify(raw)}`;
  }
  const host = url.hostname.toLowerCase();
  let id: string | null = null;
  if (YOUTUBE_HOSTS.has(host)) {
    const segments = url.pathname.split('/').filter(Boolean);
    if (segments[0] === 'watch') id = url.searchParams.get('v');
    else if (['embed', 'shorts', 'live', 'v'].includes(segments[0] ?? '')) id = segments[1] ?? null;
    if (id === null) return `expected a YouTube video URL (watch?v=ID, youtu.be/ID, embed/ID); found ${JSON.stringify(raw)}`;
  } else if (host === 'youtu.be') {
    id = url.pathname.split('/').filter(Boolean)[0] ?? null;
    if (id === null) return `expected a youtu.be/ID URL; found ${JSON.stringify(raw)}`;
  } else {
    const platform: VideoPlatform = /(^|\.)vimeo\.com$/u.test(host)
      ? 'vimeo'
      : /(^|\.)(nicovideo\.jp|nico\.ms)$/u.test(host)
        ? 'nicovideo'
        : 'other';
    return { platform, url: url.href.replace(/^http:/u, 'https:') };
  }
  if (!YOUTUBE_ID.test(id)) {
    return `expected an 11-character YouTube video id in ${JSON.stringify(raw)}; found ${JSON.stringify(id)}`;
  }
  return { platform: 'youtube', id, url: watchUrl(id) };
}

export function watchUrl(id: string, start = 0): string {
  return `https://www.youtube.com/watch?v=${id}${start > 0 ? `&t=${start}s` : ''}`;
}

/** The privacy-enhanced embed: no cookies until the viewer plays the video. */
export function embedUrl(id: string, start = 0): string {
  return `https://www.youtube-nocookie.com/embed/${id}${start > 0 ? `?start=${start}` : ''}`;
}

/** ISO 8601 duration of the YouTube Data API (PT1H2M3S, P1DT2H, PT45S) in seconds; null when malformed. */
export function parseIsoDuration(text: string): number | null {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/u.exec(text.trim());
  if (!match || text.trim() === 'P' || text.trim().endsWith('T')) return null;
  const [, d = '0', h = '0', m = '0', s = '0'] = match;
  return Number(d) * 86400 + Number(h) * 3600 + Number(m) * 60 + Math.round(Number(s));
}

/** "1:02:03", "02:03", "45" → seconds; null when malformed (minutes or seconds above 59 after the first field). */
export function parseClock(text: string): number | null {
  const match = /^(?:(\d+):)?(\d{1,2}):(\d{2})$|^(\d+)$/u.exec(text.normalize('NFKC').trim());
  if (!match) return null;
  if (match[4] !== undefined) return Number(match[4]);
  const [, h, m = '0', s = '0'] = match;
  if (Number(s) > 59 || (h !== undefined && Number(m) > 59)) return null;
  return Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s);
}

/** Seconds → "1:02:03" or "2:03", as YouTube shows timestamps. */
export function formatClock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** A timestamp (2022-11-24T06:00:00Z) as a calendar date in Japan (UTC+9), where Internet Week happens. */
export function dateInJapan(timestamp: string): string | null {
  const ms = Date.parse(timestamp);
  if (!/^\d{4}-\d{2}-\d{2}T/u.test(timestamp) || Number.isNaN(ms)) return null;
  return new Date(ms + 9 * 3600 * 1000).toISOString().slice(0, 10);
}

/** yt-dlp's upload_date 20221124 → 2022-11-24; null when malformed. */
export function compactDate(text: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})$/u.exec(text.trim());
  if (!match) return null;
  const iso = `${match[1]}-${match[2]}-${match[3]}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
}
