/**
 * Quality checks that need no pdf.js: header sniffing, garbage detection,
 * and the deck outcome from page flags.
 */
import type { Outcome, PageText } from './types.ts';

/** True when "%PDF-" occurs in the first 1024 bytes (what readers accept). */
export function hasPdfHeader(data: Uint8Array): boolean {
  const n = Math.min(data.length, 1024);
  outer: for (let i = 0; i + 5 <= n; i++) {
    const sig = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
    for (let k = 0; k < 5; k++) if (data[i + k] !== sig[k]) continue outer;
    return true;
  }
  return false;
}

/** A short description of what the bytes look like instead, for messages. */
export function sniffKind(data: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(data.subarray(0, 512)).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || head.includes('<html')) return 'an HTML page';
  if (head.startsWith('<?xml') || head.startsWith('<')) return 'an XML or HTML document';
  if (head.startsWith('pk')) return 'a ZIP archive (perhaps a .pptx or .docx)';
  if (data[0] === 0xd0 && data[1] === 0xcf) return 'an old Office document (.ppt/.doc)';
  if (data[0] === 0x89 && head.startsWith('\u0089png')) return 'a PNG image';
  if (data[0] === 0xff && data[1] === 0xd8) return 'a JPEG image';
  if (data[0] === 0x1f && data[1] === 0x8b) return 'a gzip file';
  return 'not a PDF';
}

/** Characters that carry no text: controls (except tab/newline), private use, U+FFFD, unassigned. */
const BAD = /[\p{Cc}\p{Co}\p{Cn}\p{Cs}\uFFFD]/u;

/** Share of non-whitespace characters that are control/private-use/replacement. */
export function garbageShare(text: string): number {
  let bad = 0;
  let all = 0;
  for (const ch of text) {
    if (ch === '\n' || ch === '\t' || ch === '\r' || /\s/u.test(ch)) continue;
    all++;
    if (BAD.test(ch)) bad++;
  }
  return all === 0 ? 0 : bad / all;
}

export function isGarbage(text: string): boolean {
  return garbageShare(text) > 0.4;
}

/** Remove control, private-use and replacement characters from text meant for reading. */
export function stripBadChars(text: string): string {
  return text.replace(/[\p{Co}\p{Cn}\p{Cs}\uFFFD]|[^\P{Cc}\n\t]/gu, '');
}

export interface Verdict {
  outcome: Outcome;
  message: string;
}

/** The deck outcome from its parsed pages. */
export function deckVerdict(pages: readonly PageText[]): Verdict {
  const n = pages.length;
  const failed = pages.filter((p) => p.flags.includes('failed'));
  const garbage = pages.filter((p) => p.flags.includes('garbage'));
  const withText = pages.filter((p) => !p.flags.includes('failed') && !p.flags.includes('no-text') && !p.flags.includes('garbage'));
  if (n === 0) return { outcome: 'no-text-layer', message: 'The PDF has no pages.' };
  if (failed.length === n) {
    const first = failed[0];
    return {
      outcome: 'corrupt',
      message:
        n === 1
          ? `Page 1 could not be read (${first?.error ?? 'unknown error'}); the file is damaged: get a fresh copy.`
          : `None of the ${n} pages could be read (page 1: ${first?.error ?? 'unknown error'}); the file is damaged: get a fresh copy.`,
    };
  }
  if (failed.length > 0) {
    const list = listPages(failed.map((p) => p.page));
    const one = failed.length === 1 ? failed[0] : undefined;
    return {
      outcome: 'partial',
      message: one
        ? `Page ${one.page} of ${n} could not be read (${one.error ?? 'unknown error'}); the other pages are kept. A fresh copy of the file may fix it.`
        : `Pages ${list} of ${n} could not be read; the other pages are kept. A fresh copy of the file may fix it.`,
    };
  }
  if (garbage.length > 0 && garbage.length >= withText.length * 2) {
    const good = withText.length;
    return {
      outcome: 'garbage',
      message:
        n === 1
          ? 'Page 1 has only unreadable characters (a font without a Unicode map): the text needs OCR.'
          : good === 0
            ? `The text layer of all ${n} pages is unreadable characters (fonts without Unicode maps): the text needs OCR.`
            : `The text layer of ${garbage.length === 1 ? 'page' : 'pages'} ${listPages(garbage.map((p) => p.page))} of ${n} is unreadable characters (fonts without Unicode maps): the text needs OCR; the ${good} readable ${good === 1 ? 'page is' : 'pages are'} kept.`,
    };
  }
  if (withText.length === 0) {
    return {
      outcome: 'no-text-layer',
      message:
        n === 1
          ? 'Page 1 has no text layer (a scan, or text drawn as outlines): it needs OCR to be searchable.'
          : `None of the ${n} pages has a text layer (scans, or text drawn as outlines): the deck needs OCR to be searchable.`,
    };
  }
  const notes: string[] = [];
  const noText = pages.filter((p) => p.flags.includes('no-text'));
  if (noText.length > 0) notes.push(`${noText.length === 1 ? 'page' : 'pages'} ${listPages(noText.map((p) => p.page))} without text`);
  if (garbage.length > 0) notes.push(`${garbage.length === 1 ? 'page' : 'pages'} ${listPages(garbage.map((p) => p.page))} with unreadable text`);
  return {
    outcome: 'ok',
    message:
      notes.length === 0
        ? `Text extracted from all ${n} ${n === 1 ? 'page' : 'pages'}.`
        : `Text extracted from ${withText.length} of ${n} pages (${notes.join('; ')}).`,
  };
}

/** "3", "3, 5", "3–7, 9" */
export function listPages(nums: readonly number[]): string {
  const sorted = [...nums].sort((a, b) => a - b);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    const start = sorted[i] ?? 0;
    let end = start;
    while (sorted[i + 1] === end + 1) {
      i++;
      end++;
    }
    parts.push(start === end ? `${start}` : `${start}–${end}`);
    i++;
  }
  return parts.join(', ');
}
