/**
 * What crawlers and reference managers read in a page's head: Highwire-style
 * citation_* meta (Google Scholar's inclusion rules; Zotero's "Embedded
 * Metadata" translator), OpenGraph, and schema.org JSON-LD. Pure: every URL is
 * passed in, absolute when the site's public address is set.
 */
import type { LocalMaterial, Program, ResolvedSpeaker, YearEvent } from '../content.ts';
import type { LinkedVideo } from '../videos/load.ts';
import { datePartsText, type CslItem, type CslName } from './formats.ts';
import { isIsoDate } from '../dates.ts';
import { programLabel } from '../site.ts';

export type MetaTag = { name: string; content: string } | { property: string; content: string };

/** "馬渡, 将隆": with the comma, Zotero and Scholar take the family name from before it; a name kept whole stays whole. */
export function metaAuthor(name: CslName): string {
  return name.literal ?? `${name.family ?? ''}, ${name.given ?? ''}`;
}

export interface CitationMetaInput {
  item: CslItem;
  /** For a deck page: the deck's title and its own speakers' names. */
  title?: string;
  authors?: CslName[];
  /** Absolute (or page-relative) URLs of the local PDFs; Scholar reads the first. */
  pdfUrls: string[];
  language: string;
}

export function citationMeta(input: CitationMetaInput): MetaTag[] {
  const [[year, month, day]] = input.item.issued['date-parts'];
  const date = datePartsText([year, month, day], '/');
  const authors = input.authors ?? input.item.author ?? [];
  return [
    ...(input.title ?? input.item.title ? [{ name: 'citation_title', content: input.title ?? input.item.title ?? '' }] : []),
    ...authors.map((name) => ({ name: 'citation_author', content: metaAuthor(name) })),
    { name: 'citation_publication_date', content: date },
    { name: 'citation_conference_title', content: input.item['container-title'] },
    { name: 'citation_publisher', content: input.item.publisher },
    { name: 'citation_language', content: input.language },
    ...input.pdfUrls.slice(0, 1).map((url) => ({ name: 'citation_pdf_url', content: url })),
    ...(input.item.URL ? [{ name: 'citation_abstract_html_url', content: input.item.URL }] : []),
  ];
}

export interface OpenGraphInput {
  title: string;
  description: string;
  url?: string;
  image?: { url: string; width: number; height: number; alt: string };
  siteName: string;
}

export function openGraph(input: OpenGraphInput): MetaTag[] {
  return [
    { property: 'og:type', content: 'article' },
    { property: 'og:title', content: input.title },
    { property: 'og:description', content: input.description },
    { property: 'og:site_name', content: input.siteName },
    { property: 'og:locale', content: 'ja_JP' },
    ...(input.url ? [{ property: 'og:url', content: input.url }] : []),
    ...(input.image
      ? [
          { property: 'og:image', content: input.image.url },
          { property: 'og:image:width', content: String(input.image.width) },
          { property: 'og:image:height', content: String(input.image.height) },
          { property: 'og:image:alt', content: input.image.alt },
        ]
      : []),
  ];
}

type JsonLd = Record<string, unknown>;

export interface PersonLink {
  speaker: ResolvedSpeaker;
  url: string;
}

export function personLd({ speaker, url }: PersonLink): JsonLd {
  return {
    '@type': 'Person',
    '@id': `${url}#person`,
    name: speaker.name,
    url,
    ...(speaker.affiliation ? { affiliation: { '@type': 'Organization', name: speaker.affiliation } } : {}),
  };
}

/** ISO 8601 local time in Japan, where every Internet Week took place: 2024-11-26T10:00+09:00 */
function jstDateTime(date: string, time: string | undefined): string {
  return time ? `${date}T${time}+09:00` : date;
}

function isoDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${s}S` : ''}`;
}

export function videoLd(video: LinkedVideo): JsonLd {
  return {
    '@type': 'VideoObject',
    name: video.title,
    url: video.watchUrl,
    ...(video.embedUrl ? { embedUrl: video.embedUrl } : {}),
    ...(video.published ? { uploadDate: video.published } : {}),
    ...(video.duration ? { duration: isoDuration(video.duration) } : {}),
    ...(video.platform === 'youtube' ? { thumbnailUrl: `https://i.ytimg.com/vi/${video.id}/hqdefault.jpg` } : {}),
  };
}

export interface DeckLdInput {
  deck: LocalMaterial;
  pageUrl: string;
  pdfUrl: string;
  sha256?: string;
  pageCount?: number;
  thumbnailUrl?: string;
  rights: string | null;
  authors: PersonLink[];
}

export function deckLd(input: DeckLdInput): JsonLd {
  return {
    '@type': 'PresentationDigitalDocument',
    '@id': `${input.pageUrl}#deck`,
    name: input.deck.title ?? input.deck.file,
    url: input.pageUrl,
    inLanguage: input.deck.lang,
    ...(input.authors.length > 0 ? { author: input.authors.map(personLd) } : {}),
    ...(input.thumbnailUrl ? { thumbnailUrl: input.thumbnailUrl } : {}),
    ...(input.pageCount ? { numberOfPages: input.pageCount } : {}),
    ...(input.rights ? { copyrightNotice: input.rights } : {}),
    encoding: {
      '@type': 'MediaObject',
      contentUrl: input.pdfUrl,
      encodingFormat: 'application/pdf',
      contentSize: `${input.deck.bytes} B`,
      ...(input.sha256 ? { sha256: input.sha256 } : {}),
    },
    ...(input.deck.originalUrl ? { isBasedOn: input.deck.originalUrl } : {}),
  };
}

export interface ProgramLdInput {
  program: Program;
  event: YearEvent | undefined;
  url: string;
  eventUrl: string;
  people: PersonLink[];
  decks: DeckLdInput[];
  videos: LinkedVideo[];
}

export function programLd(input: ProgramLdInput): JsonLd {
  const { program, event } = input;
  const online = program.room?.includes('オンライン') ?? false;
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    '@id': `${input.url}#event`,
    identifier: program.id,
    name: programLabel(program),
    url: input.url,
    // schema.org dates may be partial (2007, 2007-11); a time only goes with a whole day. Unknown stays out.
    ...(program.date ? { startDate: jstDateTime(program.date, isIsoDate(program.date) ? program.timeSpan?.start : undefined) } : {}),
    ...(program.date && isIsoDate(program.date) && program.timeSpan ? { endDate: jstDateTime(program.date, program.timeSpan.end) } : {}),
    ...(program.room ? { location: online ? { '@type': 'VirtualLocation', name: program.room } : { '@type': 'Place', name: program.room } } : {}),
    ...(event
      ? {
          superEvent: { '@type': 'Event', name: event.name, url: input.eventUrl, ...(event.start ? { startDate: event.start } : {}), ...(event.end ? { endDate: event.end } : {}) },
          organizer: { '@type': 'Organization', name: event.organiser },
        }
      : {}),
    ...(input.people.length > 0 ? { performer: input.people.map(personLd) } : {}),
    ...(input.decks.length + input.videos.length > 0 ? { workFeatured: [...input.decks.map(deckLd), ...input.videos.map(videoLd)] } : {}),
  };
}

/** JSON for a <script type="application/ld+json">: "<" escaped so no text can close the element. */
export function jsonLdText(data: JsonLd): string {
  return JSON.stringify(data).replace(/</gu, '\\u003c');
}
