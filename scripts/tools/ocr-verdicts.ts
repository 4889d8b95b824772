/**
 * ocr-verdicts — compare the needs-OCR verdicts of two extract runs, page by page.
 *
 *   node scripts/tools/ocr-verdicts.ts BEFORE.json AFTER.json [--plan full|medium|small|tiny] [--seed 1]
 *
 * BEFORE.json and AFTER.json are `npm run extract -- --json --no-cache --ocr off …` outputs of the
 * same files made by two versions of the code (say main and a branch that changes the check in
 * src/lib/ocr/classify.ts). Prints every page whose flags or `ocrReason` differ, and the number of
 * pages flagged `needs-ocr` on each side. With --plan (a benchmark archive's size and seed,
 * scripts/tools/bench/generate-archive.ts), files are matched to their planned deck kind by the
 * path under `materials/`, and the flagged pages are counted per kind and reason: "image-only"
 * and "outlines" decks must be flagged on every page, "garbage" decks on every page for their
 * unreadable text layer, and the others only on the scanned (image) pages the generator puts
 * into some ordinary pre-2005 decks.
 *
 * Exit status: 0 when both runs agree page for page (and, with --plan, every kind is as expected), 1 otherwise.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { planArchive, type DeckKind, type SizeName } from './bench/generate-archive.ts';
import type { ExtractRecord } from '../../src/lib/decks.ts';

/** What every page of a deck kind must be flagged for; other kinds may only have scanned pages. */
const EVERY_PAGE: Partial<Record<DeckKind, Reason>> = { 'image-only': 'scan', outlines: 'outlines', garbage: 'unreadable' };

type Reason = 'scan' | 'outlines' | 'unreadable' | 'other';
const REASONS: readonly Reason[] = ['scan', 'outlines', 'unreadable', 'other'];

function reasonOf(text: string): Reason {
  if (/\(a scan\)$/u.test(text)) return 'scan';
  if (/drawn as outlines$/u.test(text)) return 'outlines';
  if (/unreadable characters/u.test(text)) return 'unreadable';
  return 'other';
}

interface PageVerdict {
  flags: string;
  reason: string;
}

function verdicts(file: string): Map<string, PageVerdict> {
  const records = JSON.parse(readFileSync(file, 'utf8')) as ExtractRecord[];
  const out = new Map<string, PageVerdict>();
  for (const r of records) {
    for (const p of r.pages) out.set(`${r.file}#${p.page}`, { flags: p.flags.join(','), reason: p.ocrReason ?? '' });
  }
  return out;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { plan: { type: 'string' }, seed: { type: 'string', default: '1' } },
});
const [beforeFile, afterFile] = positionals;
if (beforeFile === undefined || afterFile === undefined) {
  console.error('usage: node scripts/tools/ocr-verdicts.ts BEFORE.json AFTER.json [--plan full|medium|small|tiny] [--seed 1]');
  process.exit(2);
}
const before = verdicts(beforeFile);
const after = verdicts(afterFile);
let differences = 0;
for (const key of new Set([...before.keys(), ...after.keys()])) {
  const b = before.get(key);
  const a = after.get(key);
  if (b?.flags === a?.flags && b?.reason === a?.reason) continue;
  differences++;
  if (differences <= 50) {
    console.log(`${key}\n  before: ${b ? `[${b.flags}] ${b.reason}` : '(missing)'}\n  after:  ${a ? `[${a.flags}] ${a.reason}` : '(missing)'}`);
  }
}
const flagged = (m: Map<string, PageVerdict>): number => [...m.values()].filter((v) => v.flags.split(',').includes('needs-ocr')).length;
console.log(`pages: ${before.size} before, ${after.size} after; needs-ocr: ${flagged(before)} before, ${flagged(after)} after; pages that differ: ${differences}`);

let unexpected = 0;
if (values.plan !== undefined) {
  const plan = planArchive(values.plan as SizeName, Number(values.seed));
  const kindOf = new Map(plan.decks.map((d) => [`${d.year}/${d.file}`, d.kind]));
  const perKind = new Map<DeckKind, { pages: number; flagged: Record<Reason, number> }>();
  for (const [key, v] of after) {
    const rel = key.slice(0, key.lastIndexOf('#')).split('/materials/').pop() ?? '';
    const kind = kindOf.get(rel);
    if (kind === undefined) continue;
    const row = perKind.get(kind) ?? { pages: 0, flagged: { scan: 0, outlines: 0, unreadable: 0, other: 0 } };
    row.pages++;
    if (v.flags.split(',').includes('needs-ocr')) row.flagged[reasonOf(v.reason)]++;
    perKind.set(kind, row);
  }
  for (const [kind, row] of [...perKind].sort(([a], [b]) => a.localeCompare(b))) {
    const every = EVERY_PAGE[kind];
    const ok = REASONS.every((r) => (every === undefined ? r === 'scan' || row.flagged[r] === 0 : row.flagged[r] === (r === every ? row.pages : 0)));
    if (!ok) unexpected++;
    const counts = REASONS.map((r) => `${r} ${row.flagged[r]}`).join(', ');
    const expected = every === undefined ? 'scanned pages only' : `every page: ${every}`;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${kind.padEnd(16)} ${String(row.pages).padStart(6)} pages; needs-ocr: ${counts} (expected ${expected})`);
  }
}
process.exit(differences === 0 && unexpected === 0 ? 0 : 1);
