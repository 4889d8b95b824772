/**
 * A synthetic Internet Week archive for benchmarks, deterministic from a seed.
 *
 *   node scripts/tools/bench/generate-archive.ts --size small|medium|full|tiny [--seed 1] [--out DIR] [--workers N]
 *
 * Writes `<out>/content/` (events, programs, materials) in the layout of content/:
 * era-specific program codes and material file names, 1–12 decks per program,
 * Japanese and English slide text, and a fixed share of decks in every failure
 * class (kangxi, overprint, footers, encrypted, truncated, image-only, outlines,
 * bad page, garbage, empty, not-pdf, Shift_JIS, non-embedded fonts).
 *
 * Design:
 * - `planArchive(size, seed)` is pure and cheap: every year, program and deck
 *   (path, font, defect, page count, own seed) without rendering anything.
 * - Each deck is rendered from its own plan only (`renderPlannedDeck`), with a
 *   PRNG seeded from (seed, path): a deck's bytes never depend on other decks.
 * - Incremental: `<out>/bench-manifest.json` records the plan hash, size and
 *   sha256 of every file written. A file whose plan hash, size and sha256 still
 *   match is skipped, so a second run of the same size and seed renders nothing.
 *   Files no longer in the plan are deleted.
 * - Rendering runs in worker threads (scripts/tools/bench/generate-worker.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Piscina } from 'piscina';
import { renderDeck, type DeckFont, type DeckSpec, type SlideSpec } from '../pdfgen/index.ts';
import {
  AFFILIATIONS, ASPECTS, CONNECT, EN_AFFILIATIONS, EN_LINES, EN_NAMES, EN_TITLES, FOOTERS, GIVEN_NAMES, JA_LINES, JA_TITLES,
  SURNAMES, TOPICS, VENUES, VERBS, type Topic,
} from './vocab.ts';

/** Bump when the rendering of a planned deck changes: every deck is then regenerated. */
export const GENERATOR_VERSION = 1;

export type SizeName = 'tiny' | 'small' | 'medium' | 'full';

export interface SizeSpec {
  /** Years counted back from 2025. */
  years: number;
  programs: number;
  decks: number;
  /** Total slide pages over all decks (exact). */
  pages: number;
}

export const SIZES: Readonly<Record<SizeName, SizeSpec>> = {
  tiny: { years: 2, programs: 6, decks: 14, pages: 120 },
  small: { years: 3, programs: 30, decks: 60, pages: 1_000 },
  medium: { years: 10, programs: 300, decks: 600, pages: 10_000 },
  full: { years: 29, programs: 1_000, decks: 3_000, pages: 90_000 },
};

/** What a deck is, beyond ordinary text: the failure classes of real archives and the benign variants. */
export type DeckKind =
  | 'normal'
  | 'english'
  | 'cmap'
  | 'sjis'
  | 'footers'
  | 'kangxi'
  | 'overprint'
  | 'encrypted'
  | 'encrypted-known'
  | 'truncated'
  | 'image-only'
  | 'outlines'
  | 'bad-page'
  | 'garbage'
  | 'empty'
  | 'not-pdf';

/** Share of decks per kind (the rest are 'normal'); each kind gets at least one deck when there are enough decks. */
export const KIND_SHARES: Readonly<Record<Exclude<DeckKind, 'normal'>, number>> = {
  english: 0.1,
  cmap: 0.1,
  sjis: 0.04,
  footers: 0.2,
  kangxi: 0.04,
  overprint: 0.04,
  encrypted: 0.006,
  'encrypted-known': 0.006,
  truncated: 0.008,
  'image-only': 0.02,
  outlines: 0.01,
  'bad-page': 0.01,
  garbage: 0.008,
  empty: 0.003,
  'not-pdf': 0.005,
};

/** Failure classes first, so that even a tiny archive has one deck of each. */
const ASSIGN_ORDER: readonly Exclude<DeckKind, 'normal' | 'english'>[] = [
  'encrypted', 'truncated', 'image-only', 'outlines', 'bad-page', 'garbage', 'empty', 'not-pdf', 'kangxi', 'overprint',
  'encrypted-known', 'sjis', 'cmap', 'footers',
];

/** Outcome the ingest should report for each kind (for checks and for the results file). */
export const EXPECTED_OUTCOME: Readonly<Record<DeckKind, string>> = {
  normal: 'ok', english: 'ok', cmap: 'ok', sjis: 'ok', footers: 'ok', kangxi: 'ok', overprint: 'ok',
  encrypted: 'encrypted', 'encrypted-known': 'ok', truncated: 'corrupt', 'image-only': 'no-text-layer',
  outlines: 'no-text-layer', 'bad-page': 'partial', garbage: 'garbage', empty: 'empty', 'not-pdf': 'not-pdf',
};

export interface SpeakerPlan {
  name: string;
  romaji: string;
  affiliation: string;
  english: boolean;
}

export interface DeckPlan {
  year: number;
  /** Path relative to content/materials/<year>/. */
  file: string;
  kind: DeckKind;
  pages: number;
  topic: number;
  title: string;
  speaker: SpeakerPlan;
  code: string;
  date: string;
  /** Seed of this deck's text. */
  seed: number;
  password?: string;
}

export interface ProgramPlan {
  year: number;
  code: string;
  title: string;
  type: string;
  date: string;
  time: string;
  topic: number;
  speakers: SpeakerPlan[];
  decks: DeckPlan[];
}

export interface YearPlan {
  year: number;
  start: string;
  end: string;
  theme: string;
  venue: string;
}

export interface ArchivePlan {
  size: SizeName;
  seed: number;
  years: YearPlan[];
  programs: ProgramPlan[];
  decks: DeckPlan[];
}

// ---------------------------------------------------------------- randomness

/** 32-bit hash of a string (FNV-1a then a murmur finaliser). */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export interface Rng {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick: empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    chance: (p) => next() < p,
  };
}

function shuffle<T>(items: T[], r: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    const a = items[i] as T;
    items[i] = items[j] as T;
    items[j] = a;
  }
  return items;
}

/** Splits `total` into `n` positive-ish integers (each ≥ min) with weights from `weight(i)`, summing exactly to total. */
function apportion(total: number, n: number, min: number, weight: (i: number) => number): number[] {
  const weights = Array.from({ length: n }, (_, i) => weight(i));
  const sum = weights.reduce((a, b) => a + b, 0);
  const free = total - min * n;
  if (free < 0) throw new Error(`apportion: ${total} cannot give ${n} parts of at least ${min}`);
  const exact = weights.map((w) => (w / sum) * free);
  const parts = exact.map((x) => min + Math.floor(x));
  let rest = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; rest > 0; k = (k + 1) % n, rest--) parts[(order[k] as readonly [number, number])[1]]! += 1;
  return parts;
}

// ---------------------------------------------------------------- the plan

/** Code letters by era (see /work/shared/DOMAIN.md). */
function codeLetters(year: number): string[] {
  if (year <= 1999) return ['C'];
  if (year <= 2004) return ['T', 'S'];
  if (year <= 2006) return ['T'];
  if (year === 2007) return ['C'];
  if (year <= 2010) return ['F', 'H'];
  if (year <= 2017) return ['T', 'S', 'D', 'L'];
  if (year <= 2019) return ['H', 'S', 'D'];
  if (year <= 2023) return ['C'];
  return ['O', 'D', 'H', 'S'];
}

function programType(letter: string, year: number): string {
  switch (letter) {
    case 'T': return 'tutorial';
    case 'H': return year >= 2018 ? 'hands-on' : 'seminar';
    case 'L': return 'lunch-seminar';
    case 'D': return 'plenary';
    case 'C': return year <= 1999 ? 'tutorial' : 'seminar';
    default: return 'seminar';
  }
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The material path of a deck in the naming of its era (relative to content/materials/<year>/). */
function materialFile(year: number, code: string, index: number, total: number, speaker: SpeakerPlan, used: Set<string>): string {
  const lower = code.toLowerCase();
  const m = /^([A-Z])(\d+)$/u.exec(code);
  const letter = m?.[1] ?? 'X';
  const num = Number(m?.[2] ?? 0);
  let file: string;
  if (year <= 1999) {
    file = index === 0 ? `proceedings/${letter}${pad2(num)}.PDF` : index === 1 ? `notes/${code}.PDF` : `proceedings/${letter}${pad2(num)}-${index + 1}.PDF`;
  } else if (year <= 2007) {
    file = total === 1 ? `proceedings/${code}.pdf` : `proceedings/${code}-${index + 1}.pdf`;
  } else if (year === 2008) {
    file = `proceedings/${code}/IW2008-${code}-${pad2(index + 1)}.pdf`;
  } else if (year <= 2011) {
    const dir = year === 2011 ? `${letter.toLowerCase()}${pad2(num)}` : lower;
    file = year === 2011 ? `${dir}/${dir}-${pad2(index + 1)}.pdf` : `${dir}/iw${year}-${lower}-${pad2(index + 1)}.pdf`;
  } else {
    file = `${lower}/${lower}-${speaker.romaji}.pdf`;
  }
  // Two parts by one speaker: -1, -2, as real files do (d1-3-moriwaka-1.pdf).
  let candidate = file;
  for (let part = 2; used.has(candidate.toLowerCase().replace(/\.pdf$/iu, '')); part++) {
    candidate = file.replace(/(\.pdf)$/iu, `-${part}$1`);
  }
  used.add(candidate.toLowerCase().replace(/\.pdf$/iu, ''));
  return candidate;
}

function fill(template: string, topic: Topic, r: Rng, year: number): string {
  return template.replace(/\{([a-z])\}/gu, (_, key: string) => {
    switch (key) {
      case 'k': return r.pick(topic.kanji);
      case 'c': return r.pick(topic.katakana);
      case 'a': return r.pick(topic.ascii);
      case 'v': return r.pick(VERBS);
      case 'p': return r.pick(ASPECTS);
      case 'x': return r.pick(CONNECT);
      case 'n': return String(r.int(3, 97));
      case 'y': return String(year - r.int(0, 3));
      case 'r': return String(r.int(1034, 9700));
      default: return key;
    }
  });
}

function makeSpeakerPool(r: Rng, count: number): SpeakerPlan[] {
  const pool: SpeakerPlan[] = [];
  const names = new Set<string>();
  while (pool.length < count) {
    const english = r.chance(0.08);
    if (english) {
      const [name, romaji] = r.pick(EN_NAMES);
      if (names.has(name) && names.size < EN_NAMES.length) continue;
      names.add(name);
      pool.push({ name, romaji, affiliation: r.pick(EN_AFFILIATIONS), english: true });
    } else {
      const [surname, romaji] = r.pick(SURNAMES);
      const name = `${surname} ${r.pick(GIVEN_NAMES)}`;
      if (names.has(name)) {
        if (names.size >= SURNAMES.length * GIVEN_NAMES.length) names.clear();
        continue;
      }
      names.add(name);
      pool.push({ name, romaji, affiliation: r.pick(AFFILIATIONS), english: false });
    }
  }
  return pool;
}

export function planArchive(size: SizeName, seed: number): ArchivePlan {
  const spec = SIZES[size];
  const r = rng(hash32(`plan:${seed}:${size}`));
  const firstYear = 2025 - spec.years + 1;
  const yearList = Array.from({ length: spec.years }, (_, i) => firstYear + i);
  const years: YearPlan[] = yearList.map((year) => {
    const start = r.int(17, 24);
    const days = r.int(3, 5);
    return {
      year,
      start: `${year}-11-${pad2(start)}`,
      end: `${year}-11-${pad2(start + days - 1)}`,
      theme: fill(r.pick(JA_TITLES), r.pick(TOPICS), r, year),
      venue: r.pick(VENUES),
    };
  });
  // Programs per year grow a little over the decades (25 early, 40 recent at full size).
  const perYear = apportion(spec.programs, spec.years, 1, (i) => 1 + i / Math.max(1, spec.years));
  // Decks per program: heavy-tailed, some programs have none (min 0 handled by weights near zero).
  const deckWeights = Array.from({ length: spec.programs }, () => (r.chance(0.06) ? 0.05 : 0.3 + r.next() * r.next() * 4));
  const decksPer = apportion(spec.decks, spec.programs, 0, (i) => deckWeights[i] ?? 1).map((n) => Math.min(n, 12));
  // Give what the cap of 12 cut back to the smallest programs.
  let missing = spec.decks - decksPer.reduce((a, b) => a + b, 0);
  for (let i = 0; missing > 0; i = (i + 1) % decksPer.length) {
    if ((decksPer[i] ?? 0) < 12 && (deckWeights[i] ?? 0) > 0.1) {
      decksPer[i]! += 1;
      missing--;
    }
  }
  // Pages per deck: mostly 15–45 (mean pages/decks), a few very long tutorials.
  const meanPages = spec.pages / spec.decks;
  const pagesPer = apportion(spec.pages, spec.decks, Math.min(3, Math.floor(meanPages)), () => {
    const x = r.next();
    return x < 0.1 ? 0.3 : x > 0.95 ? 3.5 : 0.6 + r.next();
  });
  const pool = makeSpeakerPool(r, Math.max(8, Math.round(spec.decks * 0.45)));

  const programs: ProgramPlan[] = [];
  const decks: DeckPlan[] = [];
  let programIndex = 0;
  yearList.forEach((year, yi) => {
    const yearPlan = years[yi] as YearPlan;
    const letters = codeLetters(year);
    const counters = new Map<string, number>();
    const startDay = Number(yearPlan.start.slice(8));
    const endDay = Number(yearPlan.end.slice(8));
    for (let p = 0; p < (perYear[yi] ?? 0); p++, programIndex++) {
      const letter = letters[p % letters.length] as string;
      const n = (counters.get(letter) ?? 0) + 1;
      counters.set(letter, n);
      const code = `${letter}${n}`;
      const topicIndex = r.int(0, TOPICS.length - 1);
      const topic = TOPICS[topicIndex] as Topic;
      const deckCount = decksPer[programIndex] ?? 0;
      const speakerCount = Math.max(1, Math.min(deckCount, r.int(1, 4)));
      const speakers: SpeakerPlan[] = [];
      while (speakers.length < speakerCount) {
        // Zipf-like reuse: some people speak almost every year.
        const who = pool[Math.floor(pool.length * r.next() ** 2)] as SpeakerPlan;
        if (!speakers.includes(who)) speakers.push(who);
        else if (speakers.length >= pool.length) break;
      }
      const startHour = r.pick([9, 10, 13, 15]);
      const program: ProgramPlan = {
        year,
        code,
        title: fill(r.pick(['{k}の{p}', '{a} {c}入門', '{ja}：{k}と{c}', '{ja} 最前線', '{a} の{p}と{k}']).replace('{ja}', topic.ja), topic, r, year),
        type: programType(letter, year),
        date: `${year}-11-${pad2(r.int(startDay, endDay))}`,
        time: `${pad2(startHour)}:00-${pad2(startHour + r.int(1, 2))}:30`,
        topic: topicIndex,
        speakers,
        decks: [],
      };
      const used = new Set<string>();
      for (let d = 0; d < deckCount; d++) {
        const speaker = speakers[d % speakers.length] as SpeakerPlan;
        const file = materialFile(year, code, d, deckCount, speaker, used);
        const deck: DeckPlan = {
          year,
          file,
          kind: speaker.english ? 'english' : 'normal',
          pages: pagesPer[decks.length] ?? 10,
          topic: topicIndex,
          title: speaker.english ? fill(r.pick(EN_TITLES), topic, r, year) : fill(r.pick(JA_TITLES), topic, r, year),
          speaker,
          code,
          date: program.date,
          seed: hash32(`deck:${seed}:${year}/${file}`),
        };
        program.decks.push(deck);
        decks.push(deck);
      }
      programs.push(program);
    }
  });

  // Failure classes: exact counts, at least one each, spread by a seeded shuffle over the non-English decks.
  const candidates = shuffle(decks.filter((deck) => deck.kind === 'normal'), r);
  let next = 0;
  for (const kind of ASSIGN_ORDER) {
    const share = KIND_SHARES[kind];
    const count = Math.max(1, Math.round(share * decks.length));
    for (let k = 0; k < count && next < candidates.length; k++) {
      const deck = candidates[next++] as DeckPlan;
      deck.kind = kind;
      if (kind === 'encrypted' || kind === 'encrypted-known') deck.password = `iw${deck.year}`;
    }
  }
  return { size, seed, years, programs, decks };
}

// ---------------------------------------------------------------- rendering one deck

const NOT_PDF_HTML = `<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>404 Not Found</title></head>
<body><h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>
`;

/** The slides of a deck: title page, then content slides of 3–6 lines, a section page now and then, and a closing slide. */
export function deckSlides(plan: DeckPlan, variant = 0): SlideSpec[] {
  const r = rng(plan.seed ^ Math.imul(variant, 0x9e3779b1));
  const topic = TOPICS[plan.topic] as Topic;
  const english = plan.kind === 'english';
  const slides: SlideSpec[] = [
    {
      title: plan.title,
      lines: [`Internet Week ${plan.year}`, `${plan.code}  ${plan.date.replaceAll('-', '.')}`, `${plan.speaker.name} (${plan.speaker.affiliation})`],
    },
  ];
  for (let page = 2; page <= plan.pages; page++) {
    if (page === plan.pages && plan.pages > 2) {
      slides.push(english ? { title: 'Thank you', lines: ['Questions?'] } : { title: 'まとめ', lines: [fill('{k}の{p}を{v}', topic, r, plan.year), 'ご清聴ありがとうございました'] });
      continue;
    }
    if (r.chance(0.08)) {
      slides.push({ title: english ? fill('{a} in Practice', topic, r, plan.year) : fill('{c}の{p}', topic, r, plan.year) });
      continue;
    }
    const lines: string[] = [];
    const count = r.int(3, 6);
    for (let i = 0; i < count; i++) lines.push(fill(r.pick(english ? EN_LINES : JA_LINES), topic, r, plan.year));
    slides.push({ title: fill(r.pick(english ? EN_TITLES : JA_TITLES), topic, r, plan.year), lines });
  }
  if (variant > 0) {
    const last = slides[slides.length - 1] as SlideSpec;
    slides[slides.length - 1] = { ...last, lines: [...(last.lines ?? []), `改訂 ${variant}`] };
  }
  return slides;
}

function fontOf(kind: DeckKind): DeckFont {
  switch (kind) {
    case 'english': return 'standard';
    case 'cmap': return 'cmap';
    case 'sjis': return 'sjis';
    default: return 'embedded';
  }
}

/** The bytes of one planned deck. `variant` > 0 gives an edited version (used for the one-changed-deck rebuild). */
export function renderPlannedDeck(plan: DeckPlan, variant = 0): Uint8Array {
  if (plan.kind === 'empty') return new Uint8Array(0);
  if (plan.kind === 'not-pdf') return new TextEncoder().encode(NOT_PDF_HTML);
  const r = rng(plan.seed ^ 0x5bd1e995);
  let slides = deckSlides(plan, variant);
  const spec: DeckSpec = { font: fontOf(plan.kind), slides, info: { title: plan.title, author: plan.speaker.name } };
  const withFooters = plan.kind === 'footers' || r.chance(0.15);
  if (withFooters) {
    spec.footer = r.pick(FOOTERS);
    spec.pageNumbers = true;
    if (r.chance(0.5)) spec.copyright = `© ${plan.year} ${plan.speaker.affiliation.replace(/[^\x20-\x7e]/gu, '').trim() || 'Example'}`;
  }
  switch (plan.kind) {
    case 'kangxi': spec.kangxi = true; break;
    case 'overprint': spec.overprint = true; break;
    case 'garbage': spec.garbage = true; break;
    case 'encrypted':
    case 'encrypted-known': spec.encrypt = { userPassword: plan.password ?? 'iw' }; break;
    case 'image-only': slides = slides.map((s) => ({ ...s, kind: 'image' as const })); break;
    case 'outlines': slides = slides.map((s) => ({ ...s, kind: 'outlines' as const })); break;
    case 'bad-page': {
      const bad = Math.max(2, Math.min(slides.length, Math.floor(slides.length / 2)));
      slides = slides.map((s, i) => (i + 1 === bad ? { ...s, damage: 'not-a-dict' as const } : s));
      break;
    }
    default:
      // Scanned pages inside ordinary old decks.
      if (plan.year < 2005 && r.chance(0.2)) slides = slides.map((s) => (r.chance(0.15) ? { ...s, kind: 'image' as const } : s));
  }
  spec.slides = slides;
  let bytes: Uint8Array;
  try {
    bytes = renderDeck(spec);
  } catch (error) {
    // A character outside Shift_JIS or Helvetica: fall back to the embedded font, keep the defect.
    if (spec.font === 'embedded') throw error;
    bytes = renderDeck({ ...spec, font: plan.kind === 'english' ? 'embedded' : 'cmap' });
  }
  return plan.kind === 'truncated' ? bytes.slice(0, Math.floor(bytes.length * 0.6)) : bytes;
}

// ---------------------------------------------------------------- content files

const q = (value: string): string => JSON.stringify(value);

function eventMarkdown(y: YearPlan): string {
  return [
    '---',
    `name: ${q(`Internet Week ${y.year}`)}`,
    `theme: ${q(y.theme)}`,
    `start: ${q(y.start)}`,
    `end: ${q(y.end)}`,
    'venues:',
    `  - name: ${q(y.venue)}`,
    '---',
    '',
    `（ベンチマーク用の合成データ）Internet Week ${y.year} のテーマは「${y.theme}」です。`,
    '',
  ].join('\n');
}

function programMarkdown(p: ProgramPlan): string {
  const lines = ['---', `code: ${q(p.code)}`, `title: ${q(p.title)}`, `date: ${q(p.date)}`, `time: ${q(p.time)}`, `type: ${p.type}`];
  lines.push('speakers:');
  for (const s of p.speakers) lines.push(`  - name: ${q(s.name)}`, `    affiliation: ${q(s.affiliation)}`);
  lines.push('tags:', `  - ${q((TOPICS[p.topic] as Topic).tag)}`);
  if (p.decks.length > 0) {
    lines.push('materials:');
    for (const d of p.decks) {
      lines.push(`  - file: ${q(d.file)}`, `    title: ${q(d.title)}`, `    speaker: ${q(d.speaker.name)}`, `    lang: ${d.kind === 'english' ? 'en' : 'ja'}`);
      lines.push(`    originalUrl: ${q(`https://www.nic.ad.jp/ja/materials/iw/${d.year}/${d.file}`)}`);
      if (d.kind === 'encrypted-known' && d.password) lines.push(`    password: ${q(d.password)}`);
    }
  }
  const topic = TOPICS[p.topic] as Topic;
  lines.push('---', '', `${topic.ja}について、${p.speakers.map((s) => s.name).join('、')}が講演します。（ベンチマーク用の合成データ）`, '');
  return lines.join('\n');
}

// ---------------------------------------------------------------- generation

export interface GenerateOptions {
  size: SizeName;
  seed: number;
  /** Folder that receives content/ and bench-manifest.json. */
  outDir: string;
  workers?: number;
  /** Called after each deck written or skipped. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Only check that the folder holds the plan (a shared archive, e.g. a symbolic link to
   * /work/bench-archives/…): nothing is written, and a file that differs is an error.
   */
  readOnly?: boolean;
}

export interface GenerateStats {
  size: SizeName;
  seed: number;
  years: number;
  programs: number;
  decks: number;
  pages: number;
  /** Decks rendered in this run / found up to date and skipped. */
  rendered: number;
  skipped: number;
  removed: number;
  bytes: number;
  kinds: Record<string, number>;
  ms: number;
  contentDir: string;
}

interface ManifestEntry {
  plan: string;
  bytes: number;
  sha256: string;
}

interface Manifest {
  generator: number;
  size: SizeName;
  seed: number;
  files: Record<string, ManifestEntry>;
}

export const MANIFEST_NAME = 'bench-manifest.json';

const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

export function planHash(deck: DeckPlan, variant = 0): string {
  return sha256(JSON.stringify({ v: GENERATOR_VERSION, variant, deck })).slice(0, 32);
}

/** Writes a file only when its content differs (markdown), keeping mtimes of unchanged files. */
function writeIfChanged(file: string, text: string, readOnly = false): void {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return;
  if (readOnly) throw new Error(`${file}: differs from the plan, and the archive is read-only (shared): regenerate it with generate-archive.ts --out DIR, or remove the link`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function writeAtomic(file: string, data: Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

function listAll(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => statSync(path.join(dir, name)).isFile());
}

/** One deck for generate-worker.ts to render and write; it answers with the bytes' size and sha256. */
export interface RenderJob {
  plan: DeckPlan;
  file: string;
}
export interface RenderDone {
  bytes: number;
  sha256: string;
}

/** Renders the plan in a piscina pool (the same library as PDF ingest); each job returns the bytes' sha256 and size after writing them. */
async function renderAll(jobs: { plan: DeckPlan; file: string }[], workers: number, onDone: (i: number, bytes: number, sha: string) => void): Promise<void> {
  if (jobs.length === 0) return;
  const size = Math.max(1, Math.min(workers, jobs.length));
  if (size === 1 && jobs.length < 4) {
    jobs.forEach((job, i) => {
      const data = renderPlannedDeck(job.plan);
      writeAtomic(job.file, data);
      onDone(i, data.length, sha256(data));
    });
    return;
  }
  const pool = new Piscina<RenderJob, RenderDone>({ filename: new URL('./generate-worker.ts', import.meta.url).href, minThreads: 0, maxThreads: size });
  try {
    await Promise.all(
      jobs.map(async (job, i) => {
        const done = await pool.run({ plan: job.plan, file: job.file });
        onDone(i, done.bytes, done.sha256);
      }),
    );
  } finally {
    await pool.close();
  }
}

export async function generateArchive(options: GenerateOptions): Promise<GenerateStats> {
  const started = performance.now();
  const plan = planArchive(options.size, options.seed);
  const contentDir = path.join(options.outDir, 'content');
  const manifestFile = path.join(options.outDir, MANIFEST_NAME);
  let manifest: Manifest = { generator: GENERATOR_VERSION, size: options.size, seed: options.seed, files: {} };
  if (existsSync(manifestFile)) {
    try {
      const old = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
      if (old.generator === GENERATOR_VERSION) manifest = { ...manifest, files: old.files };
    } catch {
      // A broken manifest: regenerate everything.
    }
  }

  // Markdown: cheap, always rewritten when different.
  const wanted = new Set<string>();
  for (const y of plan.years) {
    const rel = `events/${y.year}.md`;
    wanted.add(rel);
    writeIfChanged(path.join(contentDir, rel), eventMarkdown(y), options.readOnly);
  }
  for (const p of plan.programs) {
    const rel = `programs/${p.year}/${p.code.toLowerCase()}.md`;
    wanted.add(rel);
    writeIfChanged(path.join(contentDir, rel), programMarkdown(p), options.readOnly);
  }

  // Decks: skip those whose plan hash, size and sha256 match the manifest.
  const jobs: { plan: DeckPlan; file: string; rel: string; hash: string }[] = [];
  const files: Record<string, ManifestEntry> = {};
  let skipped = 0;
  for (const deck of plan.decks) {
    const rel = `materials/${deck.year}/${deck.file}`;
    wanted.add(rel);
    const absolute = path.join(contentDir, rel);
    const hash = planHash(deck);
    const entry = manifest.files[rel];
    if (entry && entry.plan === hash && existsSync(absolute) && statSync(absolute).size === entry.bytes && sha256(readFileSync(absolute)) === entry.sha256) {
      files[rel] = entry;
      skipped++;
      options.onProgress?.(skipped, plan.decks.length);
      continue;
    }
    jobs.push({ plan: deck, file: absolute, rel, hash });
  }
  if (options.readOnly) {
    const stale = jobs.length + listAll(contentDir).filter((rel) => !wanted.has(rel.split(path.sep).join('/'))).length;
    if (stale > 0) throw new Error(`${options.outDir}: ${stale} files differ from the plan of ${options.size} seed ${options.seed}, and the archive is read-only (shared): regenerate it with generate-archive.ts --out DIR, or remove the link`);
  }
  let done = skipped;
  let lastSave = Date.now();
  const save = (): void => {
    // Sorted by path: workers finish in any order, the manifest's bytes must not depend on it.
    const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    writeAtomic(manifestFile, new TextEncoder().encode(`${JSON.stringify({ ...manifest, files: sorted }, null, 1)}\n`));
  };
  await renderAll(jobs, options.workers ?? os.availableParallelism(), (i, bytes, sha) => {
    const job = jobs[i] as (typeof jobs)[number];
    files[job.rel] = { plan: job.hash, bytes, sha256: sha };
    options.onProgress?.(++done, plan.decks.length);
    // Save progress now and then, so an interrupted generation resumes where it stopped.
    if (Date.now() - lastSave > 10_000) {
      lastSave = Date.now();
      save();
    }
  });

  // Remove what the plan no longer has (another size or seed written into the same folder).
  let removed = 0;
  for (const rel of listAll(contentDir)) {
    const normal = rel.split(path.sep).join('/');
    if (!wanted.has(normal)) {
      rmSync(path.join(contentDir, rel));
      removed++;
    }
  }
  if (!options.readOnly) save();

  const kinds: Record<string, number> = {};
  for (const deck of plan.decks) kinds[deck.kind] = (kinds[deck.kind] ?? 0) + 1;
  return {
    size: options.size,
    seed: options.seed,
    years: plan.years.length,
    programs: plan.programs.length,
    decks: plan.decks.length,
    pages: plan.decks.reduce((sum, d) => sum + d.pages, 0),
    rendered: jobs.length,
    skipped,
    removed,
    bytes: Object.values(files).reduce((sum, f) => sum + f.bytes, 0),
    kinds,
    ms: Math.round(performance.now() - started),
    contentDir,
  };
}

/** Default folder of a generated archive: .cache/bench/<size>-s<seed>/ (git-ignored). */
export function archiveDir(projectRoot: string, size: SizeName, seed: number): string {
  return path.join(projectRoot, '.cache', 'bench', `${size}-s${seed}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'small' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      workers: { type: 'string' },
    },
  });
  if (!(values.size in SIZES)) {
    console.error(`--size: expected one of ${Object.keys(SIZES).join(', ')}; found "${values.size}"`);
    process.exit(2);
  }
  const size = values.size as SizeName;
  const seed = Number(values.seed);
  const outDir = values.out ?? archiveDir(path.resolve(import.meta.dirname, '../../..'), size, seed);
  let last = 0;
  const stats = await generateArchive({
    size,
    seed,
    outDir,
    ...(values.workers ? { workers: Number(values.workers) } : {}),
    onProgress: (done, total) => {
      if (Date.now() - last > 5000 || done === total) {
        last = Date.now();
        console.error(`generate: ${done}/${total} decks`);
      }
    },
  });
  console.log(JSON.stringify(stats, null, 2));
}

if (import.meta.main) await main();
