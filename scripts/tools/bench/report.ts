/**
 * BENCHMARKS.md from the results of scripts/tools/bench/run.ts (.cache/bench/results-<size>.json).
 *
 * Owned here: the text before the first "## ", "## Targets at full size", "## How to reproduce",
 * "## Machine and versions", "## Archive generation" and "## Results: <size>". Inside "## PDF ingest"
 * (scripts/tools/bench/ingest.ts's format) and "## Search", only the "### Synthetic archive, <size>…"
 * subsections are replaced; everything else in those sections, and any other section, is kept.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fmtMs, fmtSummary, summarise, type Summary } from './measure.ts';
import type { RunResult, SizeResults, StepResult } from './run.ts';
import type { QueryResult } from './search-browser.ts';
import { formatBytes } from '../../../src/lib/bytes.ts';

const SIZE_ORDER = ['small', 'medium', 'full'] as const;
const FOREIGN = ['## PDF ingest', '## Search'];

interface Section {
  heading: string;
  body: string;
}

function splitSections(text: string, level: '## ' | '### '): { head: string; sections: Section[] } {
  const lines = text.split('\n');
  let head = '';
  const sections: Section[] = [];
  let current: Section | undefined;
  let fence = false;
  for (const line of lines) {
    if (line.startsWith('```')) fence = !fence;
    if (!fence && line.startsWith(level)) {
      current = { heading: line.trim(), body: '' };
      sections.push(current);
      continue;
    }
    if (current) current.body += `${line}\n`;
    else head += `${line}\n`;
  }
  return { head, sections };
}

function joinSections(head: string, sections: Section[]): string {
  return `${head.trimEnd()}\n\n${sections.map((s) => `${s.heading}\n\n${s.body.trim()}\n`).join('\n')}`.replace(/^\n+/u, '');
}

function loadResults(project: string): Partial<Record<(typeof SIZE_ORDER)[number], SizeResults>> {
  const out: Partial<Record<(typeof SIZE_ORDER)[number], SizeResults>> = {};
  for (const size of SIZE_ORDER) {
    const file = path.join(project, '.cache', 'bench', `results-${size}.json`);
    if (existsSync(file)) out[size] = JSON.parse(readFileSync(file, 'utf8')) as SizeResults;
  }
  return out;
}

const mb = (n: number): string => (n >= 1024 ? `${(n / 1024).toFixed(2)} GB` : `${Math.round(n)} MB`);

function stepRow(label: string, key: keyof RunResult, r: SizeResults): string {
  const s = r.summary[key];
  if (!s) return `| ${label} | – | – |`;
  return `| ${label} | ${fmtSummary(s.ms)} | ${fmtSummary(s.rss, mb)} |`;
}

function phaseSummary(r: SizeResults, key: 'cold' | 'noChange' | 'oneChanged', phase: string): Summary | undefined {
  return summarise(r.perRun.map((run) => run[key]?.phases?.[phase]).filter((n): n is number => typeof n === 'number'));
}

function lastDetail(r: SizeResults, key: keyof RunResult, name: string): number | string | undefined {
  for (let i = r.perRun.length - 1; i >= 0; i--) {
    const value = (r.perRun[i]?.[key] as StepResult | undefined)?.detail?.[name];
    if (value !== undefined) return value;
  }
  return undefined;
}

function searchRows(queries: SizeResults['search']): string[] {
  if (!queries) return [];
  const rows = [
    '| query | results | time to first result (of which after DOMContentLoaded) | bytes (Pagefind) | unsharded: time | unsharded: bytes (Pagefind) |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  const time = (q: QueryResult) => `${q.ms} ms${Number.isFinite(q.searchMs) ? ` (${q.searchMs} ms)` : ''}`;
  for (const q of queries.sharded) {
    const u = queries.unsharded.find((x) => x.query === q.query);
    rows.push(`| ${q.query} | ${q.results} | ${time(q)} | ${formatBytes(q.bytes)} (${formatBytes(q.pagefindBytes)}) | ${u ? time(u) : '–'} | ${u ? `${formatBytes(u.bytes)} (${formatBytes(u.pagefindBytes)})` : '–'} |`);
  }
  const msOf = (list: QueryResult[]) => fmtSummary(summarise(list.map((x) => x.ms)), (n) => `${Math.round(n)} ms`);
  const bytesOf = (list: QueryResult[]) => fmtSummary(summarise(list.map((x) => x.bytes)), formatBytes);
  rows.push(`| **median (min–max)** | | ${msOf(queries.sharded)} | ${bytesOf(queries.sharded)} | ${msOf(queries.unsharded)} | ${bytesOf(queries.unsharded)} |`);
  return rows;
}

function resultsSection(r: SizeResults): string {
  const lines: string[] = [];
  if (r.partial) lines.push(`**Incomplete: the run stopped after "${r.partial}".**`, '');
  lines.push(
    `${r.date.slice(0, 16).replace('T', ' ')} UTC, \`${r.command}\`: ${r.runs} run${r.runs > 1 ? 's' : ''} (each cell is the median, with min–max when there are several runs), thumbnails \`--thumbs ${r.thumbs}\` (the build's default is \`auto\`: every page up to 500 decks, else page 1).`,
    '',
    `Archive: ${r.archive.years} years, ${r.archive.programs} programs, ${r.archive.decks} decks, ${r.archive.pages.toLocaleString('en')} planned slide pages, ${formatBytes(r.archive.pdfBytes)} of PDF` +
      (r.archive.siteFiles ? `; the built site has ${r.archive.siteFiles.toLocaleString('en')} files, ${formatBytes(r.archive.siteBytes ?? 0)}` : '') +
      '.',
  );
  if (r.archive.outcomes) {
    lines.push('', `Ingest outcomes: ${Object.entries(r.archive.outcomes).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ')}.`);
  }
  lines.push(
    '',
    '| step | time | peak memory (process tree) |',
    '|---|---:|---:|',
    stepRow('cold build (empty PDF cache), whole', 'cold', r),
    `| … of which PDF ingest | ${fmtSummary(phaseSummary(r, 'cold', 'ingest'))} | ${mb(Number(lastDetail(r, 'cold', 'ingestPeakRssMB') ?? 0))} (ingest's own sample) |`,
    `| … of which Astro pages + copies | ${fmtSummary(phaseSummary(r, 'cold', 'astroAndCopies'))} | |`,
    `| … of which search index (${lastDetail(r, 'cold', 'shards') ?? '?'} shard(s)) | ${fmtSummary(phaseSummary(r, 'cold', 'searchIndex'))} | ${mb(Number(lastDetail(r, 'cold', 'searchPeakMB') ?? 0))} (Pagefind process) |`,
    stepRow('rebuild, nothing changed', 'noChange', r),
    `| … of which PDF ingest (all cached) | ${fmtSummary(phaseSummary(r, 'noChange', 'ingest'))} | |`,
    stepRow('rebuild, one deck changed', 'oneChanged', r),
    `| … of which PDF ingest (1 parsed) | ${fmtSummary(phaseSummary(r, 'oneChanged', 'ingest'))} | |`,
    stepRow('Astro build alone', 'astro', r),
    stepRow('search index alone, sharded as the build does', 'searchIndex', r),
    stepRow('search index alone, unsharded (one Pagefind run)', 'searchUnsharded', r),
  );
  const sh = (key: 'searchIndex' | 'searchUnsharded') =>
    `${lastDetail(r, key, 'shards') ?? '?'} shard(s), ${Number(lastDetail(r, key, 'pages') ?? 0).toLocaleString('en')} pages, ${Number(lastDetail(r, key, 'chars') ?? 0).toLocaleString('en')} indexed characters, bundle ${formatBytes(Number(lastDetail(r, key, 'bundleBytes') ?? 0))}, Pagefind process peak ${mb(Number(lastDetail(r, key, 'pagefindPeakMB') ?? 0))}`;
  lines.push('', `Search index as built: ${sh('searchIndex')}. Unsharded: ${sh('searchUnsharded')}.`);
  lines.push('', `Archive generation (not part of any step above): ${r.generate.rendered} decks rendered, ${r.generate.skipped} already up to date, ${fmtMs(r.generate.ms)}.`);
  if (r.search) lines.push('', 'First search in headless Chromium (fresh context, no cache, localhost, responses counted uncompressed with headers): `search/?q=…` from navigation start until the first result is on screen (page clock), in brackets the part after the page\'s DOMContentLoaded:', '', ...searchRows(r.search));
  if (r.ingest.length > 0) {
    const ratios = new Map<string, number[]>();
    for (const i of r.ingest) for (const x of i.ratios) ratios.set(x.name, [...(ratios.get(x.name) ?? []), x.ratio]);
    lines.push('', `PDF ingest against poppler on the same ${r.ingest[0]?.files ?? 0} decks (${r.ingest[0]?.pages ?? 0} pages), wall time, details under "PDF ingest":`, '');
    lines.push('| ratio | ours ÷ poppler |', '|---|---:|');
    for (const [name, list] of ratios) lines.push(`| ${name} | ${fmtSummary(summarise(list), (n) => `${n.toFixed(2)}×`)} |`);
  }
  if (r.notes.length > 0) lines.push('', ...r.notes.map((n) => `- ${n}`));
  return lines.join('\n');
}

interface Target {
  name: string;
  limit: string;
  measured: string;
  verdict: string;
  why: string;
}

function verdict(value: number | undefined, limit: number, unit: (n: number) => string, higherIsBetter = false): string {
  if (value === undefined) return 'not measured';
  const met = higherIsBetter ? value >= limit : value <= limit;
  if (met) return 'met';
  const by = higherIsBetter ? limit / value : value / limit;
  return `missed by ${unit(Math.abs(value - limit))} (${by.toFixed(1)}×)`;
}

function targets(r: SizeResults): Target[] {
  const cold = r.summary.cold?.ms?.median;
  const noChange = r.summary.noChange?.ms?.median;
  const one = r.summary.oneChanged?.ms?.median;
  const peaks = (['cold', 'noChange', 'oneChanged'] as const).map((k) => r.summary[k]?.rss?.max ?? 0);
  const peak = Math.max(...peaks);
  const ingestCold = phaseSummary(r, 'cold', 'ingest')?.median;
  const astroCold = phaseSummary(r, 'cold', 'astroAndCopies')?.median;
  const searchCold = phaseSummary(r, 'cold', 'searchIndex')?.median;
  const share = (part: number | undefined, whole: number | undefined) => (part !== undefined && whole ? `${Math.round((part / whole) * 100)}%` : '?');
  const firstBytes = r.search ? summarise(r.search.sharded.map((q) => q.bytes)) : undefined;
  const firstMs = r.search ? summarise(r.search.sharded.map((q) => q.ms)) : undefined;
  const ratioOf = (name: string) => summarise(r.ingest.flatMap((i) => i.ratios.filter((x) => x.name.startsWith(name)).map((x) => x.ratio)))?.median;
  const thumbRatio = ratioOf('text + thumbnail');
  const textRatio = ratioOf('text only');
  const breakdown = `ingest ${fmtMs(ingestCold ?? 0)} (${share(ingestCold, cold)}), Astro + copies ${fmtMs(astroCold ?? 0)} (${share(astroCold, cold)}), search index ${fmtMs(searchCold ?? 0)} (${share(searchCold, cold)})`;
  const rebuildWhy = (key: 'noChange' | 'oneChanged', limit: number): string => {
    const ms = r.summary[key]?.ms?.median;
    const ph = (name: string) => phaseSummary(r, key, name)?.median ?? 0;
    const rest = Math.max(0, ph('build') - ph('ingest') - ph('astroAndCopies') - ph('searchIndex'));
    const parts = `ingest ${fmtMs(ph('ingest'))}, Astro + copies ${fmtMs(ph('astroAndCopies'))}, search index ${fmtMs(ph('searchIndex'))}, the rest of the build (emptying the output folder, decks.json, MANIFEST.sha256 over every file) ${fmtMs(rest)}, process start-up ${fmtMs(ph('startup'))}`;
    const parsed = Number(lastDetail(r, key, 'parsed') ?? 0);
    const stale = parsed > (key === 'noChange' ? 0 : 1) ? ` Not a valid rebuild: ${parsed} PDFs were parsed (see the notes).` : '';
    return ms !== undefined && ms > limit ? `${parts}: every page and the whole index are rebuilt on every build.${stale}` : `${parts}.${stale}`;
  };
  const peakStep = (['cold', 'noChange', 'oneChanged', 'astro', 'searchIndex', 'searchUnsharded'] as const)
    .map((k) => [k, r.summary[k]?.rss?.max ?? 0] as const)
    .sort((a, b) => b[1] - a[1])[0];
  return [
    {
      name: 'cold build',
      limit: '< 15 min',
      measured: fmtSummary(r.summary.cold?.ms),
      verdict: verdict(cold, 15 * 60_000, fmtMs),
      why: cold !== undefined && cold > 15 * 60_000 ? `${breakdown}; thumbnails \`${r.thumbs}\`.` : breakdown,
    },
    { name: 'rebuild, nothing changed', limit: '< 60 s', measured: fmtSummary(r.summary.noChange?.ms), verdict: verdict(noChange, 60_000, fmtMs), why: rebuildWhy('noChange', 60_000) },
    { name: 'rebuild, one deck changed', limit: '< 90 s', measured: fmtSummary(r.summary.oneChanged?.ms), verdict: verdict(one, 90_000, fmtMs), why: rebuildWhy('oneChanged', 90_000) },
    {
      name: 'peak memory (build)',
      limit: '< 4 GB',
      measured: mb(peak),
      verdict: verdict(peak, 4096, mb),
      why: `Largest of all steps: ${peakStep ? `${peakStep[0]} ${mb(peakStep[1])}` : '?'}; unsharded index alone ${mb(r.summary.searchUnsharded?.rss?.max ?? 0)}.`,
    },
    {
      name: 'first search: bytes',
      limit: '< 300 KB',
      measured: firstBytes ? `${fmtSummary(firstBytes, formatBytes)}` : '–',
      verdict: verdict(firstBytes?.median, 300 * 1024, formatBytes),
      why: r.search ? `Median over ${r.search.sharded.length} queries, whole page included; Pagefind alone median ${formatBytes(summarise(r.search.sharded.map((q) => q.pagefindBytes))?.median ?? 0)}.` : 'search not measured',
    },
    {
      name: 'first search: time',
      limit: '< 300 ms',
      measured: firstMs ? fmtSummary(firstMs, (n) => `${Math.round(n)} ms`) : '–',
      verdict: verdict(firstMs?.median, 300, (n) => `${Math.round(n)} ms`),
      why: r.search
        ? `From navigation to the first result on screen; the search itself (after DOMContentLoaded) median ${Math.round(summarise(r.search.sharded.map((q) => q.searchMs).filter(Number.isFinite))?.median ?? Number.NaN)} ms. Localhost, 2 shared cores.`
        : 'search not measured',
    },
    {
      name: 'ingest throughput vs poppler',
      limit: '≥ 0.5× poppler',
      measured: thumbRatio !== undefined ? `${(1 / thumbRatio).toFixed(2)}× (text + thumbnail); text only ${textRatio !== undefined ? `${(1 / textRatio).toFixed(2)}×` : '?'}` : '–',
      verdict: verdict(thumbRatio === undefined ? undefined : 1 / thumbRatio, 0.5, (n) => `${n.toFixed(2)}×`, true),
      why: 'Wall time of pdf.js workers vs pdftotext + pdftoppm processes at the same concurrency.',
    },
  ];
}

function targetsSection(all: ReturnType<typeof loadResults>): string {
  const basis = all.full ?? all.medium ?? all.small;
  if (!basis) return 'No results yet.';
  const lines: string[] = [];
  if (basis.size !== 'full') lines.push(`**Not yet measured at full size**: the table below uses the ${basis.size} archive (${basis.archive.pages.toLocaleString('en')} pages instead of 90,000), so only the memory and search rows say something about full size, and times scale at least linearly.`, '');
  if (basis.partial) lines.push(`**The ${basis.size} run is incomplete (stopped after "${basis.partial}")**; missing rows say "not measured".`, '');
  lines.push(`Measured on the ${basis.size} archive, ${basis.date.slice(0, 10)}, ${basis.runs} run(s), \`--thumbs ${basis.thumbs}\`.`, '');
  lines.push('| target | limit | measured | met / missed | why |', '|---|---|---|---|---|');
  for (const t of targets(basis)) lines.push(`| ${t.name} | ${t.limit} | ${t.measured} | ${t.verdict} | ${t.why} |`);
  return lines.join('\n');
}

function machineSection(all: ReturnType<typeof loadResults>): string {
  const latest = Object.values(all).sort((a, b) => b.date.localeCompare(a.date))[0];
  if (!latest) return 'No results yet.';
  const m = latest.machine;
  return [
    `${m.nproc} cores (${m.cpu}), ${m.memoryGB} GB of memory, shared with other jobs while measuring (load average often above 4): absolute times are noisy, ratios within one run are not.`,
    '',
    `Node ${m.node}, astro ${m.astro}, pagefind ${m.pagefind}, pdfjs-dist ${m.pdfjs}, sharp ${m.sharp}, poppler ${m.poppler}, ${m.chromium}.`,
  ].join('\n');
}

const INTRO = `# Benchmarks

Measured by \`npm run bench -- --size small|medium|full\` (scripts/tools/bench/run.ts) on a synthetic archive
generated deterministically from a seed (scripts/tools/bench/generate-archive.ts): Japanese and English slide
text with kanji, kana, katakana compounds and ASCII terms, era-specific program codes and file names,
and a fixed share of decks in every failure class (encrypted, truncated, image-only, outlines, bad page,
garbage, empty, not-PDF, Kangxi radicals, overprint, Shift_JIS and non-embedded fonts, footers).
`;

const REPRODUCE = `\`\`\`sh
npm run bench -- --size small            # 3 years, 30 programs, 60 decks, 1,000 pages; 3 runs; a few minutes
npm run bench -- --size medium           # 10 years, 300 programs, 600 decks, 10,000 pages; 2 runs
npm run bench -- --size full             # 29 years, 1,000 programs, 3,000 decks, 90,000 pages; 1 run
# options: --runs N, --seed N, --thumbs auto|all|first|none (default auto, as npm run build),
#          --ingest-sample N (decks compared with poppler; default all, 300 at full size),
#          --no-search, --no-ingest, --no-write
node scripts/tools/bench/generate-archive.ts --size full   # only the archive, into .cache/bench/full-s1/content
\`\`\`

Needs poppler-utils and chromium (\`apt-get install -y poppler-utils chromium\`). The archive is written
once to \`.cache/bench/<size>-s<seed>/\` and reused: a deck is rendered again only when its plan, size or
sha256 changed. Each step runs as its own process; peak memory is the resident memory of its whole
process tree (node, worker threads, the Pagefind binary) sampled every 200 ms. Raw numbers:
\`.cache/bench/results-<size>.json\`.`;

export function renderBenchmarks(project: string): void {
  const file = path.join(project, 'BENCHMARKS.md');
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const { sections } = splitSections(existing, '## ');
  const all = loadResults(project);
  const mine = new Map<string, string>();
  mine.set('## Targets at full size', targetsSection(all));
  mine.set('## How to reproduce', REPRODUCE);
  mine.set('## Machine and versions', machineSection(all));
  for (const size of SIZE_ORDER) {
    const r = all[size];
    if (r) mine.set(`## Results: ${size}`, resultsSection(r));
  }
  const out: Section[] = [];
  for (const [heading, body] of mine) out.push({ heading, body });
  // Foreign sections: keep, replacing only our subsections in PDF ingest (and adding the section when absent).
  for (const heading of FOREIGN) {
    const old = sections.find((s) => s.heading === heading);
    const sub = splitSections(old?.body ?? '', '### ');
    let subs = sub.sections.filter((s) => !s.heading.startsWith('### Synthetic archive'));
    if (heading === '## PDF ingest') {
      for (const size of SIZE_ORDER) {
        for (const comparison of all[size]?.ingest ?? []) {
          const parsed = splitSections(comparison.markdown, '### ').sections;
          subs = [...subs, ...parsed];
        }
      }
    }
    if (old || subs.length > 0) {
      const head = old ? sub.head : 'Our ingest (pdf.js workers) against poppler on the same decks, from `npm run bench`.\n';
      out.push({ heading, body: `${head.trim()}\n\n${subs.map((s) => `${s.heading}\n\n${s.body.trim()}\n`).join('\n')}` });
    }
  }
  for (const s of sections) if (!mine.has(s.heading) && !FOREIGN.includes(s.heading) && !/^## Results: /u.test(s.heading)) out.push(s);
  writeFileSync(file, joinSections(INTRO, out));
}

if (import.meta.main) renderBenchmarks(path.resolve(import.meta.dirname, '../../..'));
