/**
 * What the site knows about each local deck after ingestion: text per page,
 * quality, thumbnails. The build writes it (scripts/build.ts); pages only read it.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Outcome, PageFlag } from './pdf/types.ts';

export interface SiteThumb {
  /** Site path of the WebP, e.g. /thumbs/3fa2…-p1-w480.webp */
  src: string;
  width: number;
  height: number;
}

export interface SiteDeckPage {
  page: number;
  text: string;
  /** Normalised text for the index (NFKC, width folded). */
  search: string;
  flags: PageFlag[];
  /** OCR confidence, 0–1, when the text was read by OCR (flag `ocr`). */
  confidence?: number;
  thumb?: SiteThumb;
  error?: string;
}

export interface SiteDeck {
  sha256: string;
  bytes: number;
  outcome: Outcome;
  message: string;
  pageCount: number;
  cover?: SiteThumb;
  pages: SiteDeckPage[];
}

/** Keyed by deckKey(programId, deckSlug). */
export type SiteDecks = Record<string, SiteDeck>;

export function deckKey(programId: string, deckSlug: string): string {
  return `${programId}/${deckSlug}`;
}

export function readSiteDecks(file: string | undefined): SiteDecks {
  if (!file || !existsSync(file)) return {};
  return JSON.parse(readFileSync(file, 'utf8')) as SiteDecks;
}

export const OUTCOME_LABELS: Record<Outcome, string> = {
  ok: 'テキスト抽出済み',
  partial: '一部のページを読めません',
  encrypted: 'パスワード保護のためテキストを抽出できません',
  empty: '空のファイルです',
  'not-pdf': 'PDFではありません',
  corrupt: '壊れたPDFです',
  'no-text-layer': 'テキスト層がありません（OCRが必要）',
  garbage: '文字化けしたテキスト層です',
  'too-large': '大きすぎるため処理していません',
};

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
