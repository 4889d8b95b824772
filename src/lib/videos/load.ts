/**
 * Videos for the site build: the catalog, linked to the archive's programs.
 * Nothing here throws on bad content; every problem is returned.
 */
import path from 'node:path';
import type { Archive } from '../content.ts';
import type { Problem } from '../problems.ts';
import { readCatalog, readLinks, videoPaths } from './catalog.ts';
import { linkVideos, type CatalogVideo, type LinkSource, type ResolvedLink } from './link.ts';
import type { Chapter } from './schema.ts';
import { embedUrl, formatClock, watchUrl } from './youtube.ts';

export interface LinkedChapter extends Chapter {
  /** "1:02:03", as YouTube shows it. */
  clock: string;
  /** Seconds until the next chapter or the end, when known. */
  length?: number;
  /** https://www.youtube.com/watch?v=ID&t=Ns, or the plain URL for other hosts. */
  watchUrl: string;
}

export interface VideoProgramLink {
  /** iw2024-o1 */
  programId: string;
  year: number;
  /** The program's URL segment (o1). */
  slug: string;
  code: string;
  subTalk?: string;
  speaker?: string;
  part?: number;
  source: LinkSource;
  evidence: string;
}

export interface LinkedVideo extends Omit<CatalogVideo, 'chapters' | 'program'> {
  /** The program the video belongs to, when it is linked. */
  program?: VideoProgramLink;
  /** A person marked the video `none`: not a program video. */
  unlinkedOnPurpose: boolean;
  chapters: LinkedChapter[];
  /** Privacy-enhanced embed (youtube-nocookie.com); only for YouTube. */
  embedUrl?: string;
  watchUrl: string;
}

export interface LoadedVideos {
  videos: LinkedVideo[];
  problems: Problem[];
}

export function loadVideos(contentDir: string, archive: Archive): LoadedVideos {
  const paths = videoPaths(contentDir, path.dirname(path.resolve(contentDir)));
  const catalog = readCatalog(paths);
  const links = readLinks(paths);
  const linked = linkVideos([...catalog.videos.values()], archive.programs, links.input);
  const videos = [...catalog.videos.values()].map((video) => toLinkedVideo(video, linked.links.get(video.id), linked.none.has(video.id)));
  videos.sort((a, b) => (b.published ?? '').localeCompare(a.published ?? '') || a.id.localeCompare(b.id));
  return { videos, problems: [...catalog.problems, ...links.problems, ...linked.problems] };
}

export function toLinkedVideo(video: CatalogVideo, link: ResolvedLink | undefined, none: boolean): LinkedVideo {
  const { chapters, program: _stated, ...rest } = video;
  const youtube = video.platform === 'youtube';
  const linkedChapters = chapters.map((chapter, index): LinkedChapter => {
    const next = chapters[index + 1]?.start ?? video.duration;
    return {
      ...chapter,
      clock: formatClock(chapter.start),
      ...(next === undefined ? {} : { length: next - chapter.start }),
      watchUrl: youtube ? watchUrl(video.id, chapter.start) : video.url,
    };
  });
  return {
    ...rest,
    ...(link
      ? {
          program: {
            programId: link.program.id,
            year: link.program.year,
            slug: link.program.slug,
            code: link.program.normalisedCode ?? link.program.slug,
            ...(link.subTalk === undefined ? {} : { subTalk: link.subTalk }),
            ...(link.speaker === undefined ? {} : { speaker: link.speaker }),
            ...(link.part === undefined ? {} : { part: link.part }),
            source: link.source,
            evidence: link.evidence,
          },
        }
      : {}),
    unlinkedOnPurpose: none,
    chapters: linkedChapters,
    ...(youtube ? { embedUrl: embedUrl(video.id) } : {}),
    watchUrl: youtube ? watchUrl(video.id) : video.url,
  };
}

/** Videos of one program, parts in order. */
export function videosOfProgram(videos: readonly LinkedVideo[], programId: string): LinkedVideo[] {
  return videos
    .filter((video) => video.program?.programId === programId)
    .sort((a, b) => (a.program?.subTalk ?? '').localeCompare(b.program?.subTalk ?? '') || (a.program?.part ?? 0) - (b.program?.part ?? 0) || a.id.localeCompare(b.id));
}
