/** The linked videos as pages see them, loaded once per build next to siteData(). */
import { siteData } from '../site.ts';
import { loadVideos, videosOfProgram, type LinkedVideo, type LoadedVideos } from './load.ts';

let cached: LoadedVideos | undefined;

export function siteVideos(): LoadedVideos {
  if (!cached) {
    const data = siteData();
    cached = loadVideos(data.contentDir, data);
  }
  return cached;
}

/** Videos of one program (for the program page). */
export function programVideos(programId: string): LinkedVideo[] {
  return videosOfProgram(siteVideos().videos, programId);
}

export const SERIES_LABELS: Record<string, string> = {
  'basic-ondemand': 'Internet Week Basic オンデマンド',
};

/** "IW2024 D2（D2-1） パート2": the program a video belongs to, as lists and players name it. */
export function videoProgramLabel(video: LinkedVideo): string {
  const program = video.program;
  if (!program) return '';
  return `IW${program.year} ${program.code}${program.subTalk ? `（${program.subTalk}）` : ''}${program.part ? ` パート${program.part}` : ''}`;
}

/** The host a video is published on, as the page names it. */
export function videoHostName(video: LinkedVideo): string {
  return video.platform === 'youtube' ? 'YouTube' : video.platform === 'vimeo' ? 'Vimeo' : video.platform === 'nicovideo' ? 'ニコニコ動画' : '外部サイト';
}
