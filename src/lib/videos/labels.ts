/** How pages name a video's program and host (the video list and the player). */
import type { LinkedVideo } from './load.ts';

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
