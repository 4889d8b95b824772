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
