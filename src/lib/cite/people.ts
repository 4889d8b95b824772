/**
 * Stable, readable ids for people not in the registry (content/speakers/): from
 * the romaji as written, else the reading romanised the way the registry's file
 * names are (passport Hepburn: まわたり まさたか → mawatari-masataka, おおはら →
 * ohara, こうじ → koji), else a Unicode slug of the normalised name (山口健一).
 * Never a hash: the id is what a reader sees in the URL, and it stays put when
 * the person is later registered under the same romanisation.
 */
import { toRomaji } from 'wanakana';
import { nameKey } from '../names.ts';

const KANA = /^[\p{Script=Hiragana}\p{Script=Katakana}ー・\s]+$/u;

/** ASCII slug: "Masataka Mawatari" → masataka-mawatari. */
export function latinSlug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '');
}

/** Kana → passport-style Hepburn: long vowels written once, no apostrophes. */
export function romaniseKana(kana: string): string {
  return toRomaji(kana.normalize('NFKC').replace(/・/gu, ' '))
    .replace(/'/gu, '')
    .replace(/ou/gu, 'o')
    .replace(/oo/gu, 'o')
    .replace(/uu/gu, 'u');
}

/** A readable slug of the name itself: NFKC, no space inside CJK, other spaces as "-", only letters and digits. */
export function unicodeSlug(name: string): string {
  return nameKey(name)
    .replace(/\s+/gu, '-')
    .replace(/[^\p{L}\p{N}-]+/gu, '')
    .replace(/-+/gu, '-')
    .replace(/^-+|-+$/gu, '');
}

export interface NameForId {
  name: string;
  reading?: string | undefined;
  romaji?: string | undefined;
}

/** Candidate ids, best first. */
export function personIdCandidates(person: NameForId): string[] {
  const fromRomaji = person.romaji ? latinSlug(person.romaji) : '';
  const fromReading = person.reading && KANA.test(person.reading) ? latinSlug(romaniseKana(person.reading)) : '';
  const fromKanaName = KANA.test(person.name) ? latinSlug(romaniseKana(person.name)) : '';
  const fromLatinName = /^[\p{Script=Latin}\s.'-]+$/u.test(person.name.normalize('NFKC')) ? latinSlug(person.name) : '';
  return [...new Set([fromRomaji, fromReading, fromKanaName, fromLatinName, unicodeSlug(person.name)].filter(Boolean))];
}

/** The first free candidate; a taken one gets -2, -3 … in order of first appearance (so ids never move as the archive grows at the end). */
export function readablePersonId(person: NameForId, taken: ReadonlySet<string>): string {
  const candidates = personIdCandidates(person);
  const free = candidates.find((candidate) => !taken.has(candidate));
  if (free) return free;
  const base = candidates[0] ?? 'person';
  for (let suffix = 2; ; suffix += 1) {
    if (!taken.has(`${base}-${suffix}`)) return `${base}-${suffix}`;
  }
}
