/**
 * BENCHMARKS.md from the results of scripts/tools/bench/run.ts (.cache/bench/results-<size>.json):
 * one command regenerates it (`node scripts/tools/bench/report.ts`, and every `npm run bench`).
 *
 * Written here: everything but the sections listed in KEPT ("## OCR", written by
 * scripts/tools/bench/ocr.ts --write, and "## Notes", written by hand), which are kept as they are.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { comparisonMarkdown, ingestRatios } from './ingest.ts';
import { fmtMs, fmtSummary, summarise, type Summary } from './measure.ts';
import { PHASE_LABELS } from './phases.ts';
import type { RunResult, SizeResults, StepKey, StepResult } from './run.ts';
import { STAGES, type Load, type SearchComparison } from './search-browser.ts';
import { formatBytes } from '../../../src/lib/bytes.ts';

const SIZE_ORDER = ['small', 'medium', 'full'] as const;
const KEPT = ['## OCR', '## Notes'];

interface Section {
  heading: string;
  body: string;
}

function splitSections(text: string): Section[] {
  const sections: Section[] = [];
  let current: Section | undefined;
  let fence = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) fence = !fence;
    if (!fence && line.startsWith('## ')) {
      current = { heading: line.trim(), body: '' };
      sections.push(current);
      continue;
    }
    if (current) current.body += `${line}\n`;
  }
  return sections;
}

function loadResults(project: string): Partial<Record<(typeof SIZE_ORDER)[number], SizeResults>> {
  const out: Partial<Record<(typeof SIZE_ORDER)[number], SizeResults>> = {};
  for (const size of SIZE_ORDER) {
    const file = path.join(project, '.cache', 'bench', `results-${size}.json`);
    if (!existsSync(file)) continue;
    const r = JSON.parse(readFileSync(file, 'utf8')) as SizeResults;
    // Results of the harness before issue 16 have another shape: not shown.
    if (Array.isArray(r.search) || r.search === undefined) if (r.ingest === undefined || 'commands' in r.ingest) out[size] = r;
  }
  return out;
}

const mb = (n: number): string => (n >= 1024 ? `${(n / 1024).toFixed(2)} GB` : `${Math.round(n)} MB`);
const ms = (n: number): string => `${Math.round(n)} ms`;
const times = (n: number): string => `${n.toFixed(2)}×`;
const date = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

function steps(r: SizeResults, key: StepKey): StepResult[] {
  return r.perRun.map((run) => run[key]).filter((s): s is StepResult => s !== undefined && s.ok);
}

/** The run whose whole time is the median (the lower one of an even count): its phases add up to its whole. */
function medianStep(r: SizeResults, key: StepKey): StepResult | undefined {
  const list = [...steps(r, key)].sort((a, b) => a.ms - b.ms);
  return list[Math.floor((list.length - 1) / 2)];
}

function phaseOrder(list: (StepResult | undefined)[]): string[] {
  const names = new Set<string>();
  for (const s of list) for (const name of Object.keys(s?.phases ?? {})) names.add(name);
  const known = Object.keys(PHASE_LABELS);
  return [...names].sort((a, b) => {
    const ia = known.indexOf(a) === -1 ? (a === 'other' ? 999 : 500) : known.indexOf(a);
    const ib = known.indexOf(b) === -1 ? (b === 'other' ? 999 : 500) : known.indexOf(b);
    return ia - ib || a.localeCompare(b);
  });
}

function kindOf(s: StepResult | undefined): string {
  return String(s?.detail?.kind ?? '–');
}

function buildsSection(r: SizeResults): string[] {
  const keys = [
    ['cold', 'cold build (empty caches)'],
    ['noChange', 'rebuild, nothing changed'],
    ['oneChanged', 'rebuild, one deck changed'],
  ] as const;
  const lines = [
    '### Builds',
    '',
    `\`node scripts/build.ts --content … --thumbs ${r.thumbs} --ocr ${r.ocr}\` (as \`npm run build\`), each a fresh process; time from its start to its exit, peak memory of its process tree. Median (min–max) over ${r.runs} run(s); the cold build ${r.coldRuns} time(s).`,
    '',
    '| build | kind (build report) | time | peak memory |',
    '|---|---|---:|---:|',
    ...keys.map(([key, label]) => {
      const list = steps(r, key);
      const kinds = [...new Set(list.map(kindOf))].join(', ');
      return `| ${label} | ${kinds || '–'} | ${fmtSummary(summarise(list.map((s) => s.ms)))} | ${fmtSummary(summarise(list.map((s) => s.peakRssMB)), mb)} |`;
    }),
  ];
  const median = keys.map(([key]) => medianStep(r, key));
  const order = phaseOrder(median);
  if (order.length > 0) {
    const source = median.some((s) => s?.phaseSource === 'report') ? "the build report's `stats`" : 'the times of the build\'s "phase:" lines';
    lines.push(
      '',
      `Phases of the median run of each build (from ${source}), each counted once: they add up to the whole.`,
      '',
      `| phase | ${keys.map(([, label]) => label).join(' | ')} |`,
      `|---|${keys.map(() => '---:').join('|')}|`,
      ...order.map((name) => `| ${PHASE_LABELS[name] ?? name} | ${median.map((s) => (s?.phases?.[name] !== undefined ? fmtMs(s.phases[name]) : '–')).join(' | ')} |`),
      `| **whole** | ${median.map((s) => (s ? `**${fmtMs(s.ms)}**` : '–')).join(' | ')} |`,
    );
  }
  const cold = medianStep(r, 'cold');
  const facts = [
    cold?.detail?.ocrPages !== undefined ? `${cold.detail.ocrPages} pages read by OCR in the cold build` : '',
    cold?.detail?.shards !== undefined ? `${cold.detail.shards} search shard(s)` : '',
    cold?.detail?.searchPeakMB !== undefined ? `largest Pagefind process ${mb(Number(cold.detail.searchPeakMB))}` : '',
    cold?.detail?.ingestPeakRssMB !== undefined ? `ingest's own peak ${mb(Number(cold.detail.ingestPeakRssMB))}` : '',
    medianStep(r, 'oneChanged')?.detail?.shardsReused !== undefined ? `one changed deck: ${medianStep(r, 'oneChanged')?.detail?.shardsReused} shard(s) reused` : '',
  ].filter(Boolean);
  if (facts.length > 0) lines.push('', `${facts.join('; ')}.`);
  return lines;
}

function aloneSection(r: SizeResults): string[] {
  const row = (label: string, key: StepKey) => {
    const list = steps(r, key);
    if (list.length === 0) return undefined;
    const d = medianStep(r, key)?.detail ?? {};
    const about = d.shards !== undefined ? `${d.shards} shard(s), ${Number(d.pages ?? 0).toLocaleString('en')} pages, ${Number(d.chars ?? 0).toLocaleString('en')} indexed characters, bundle ${formatBytes(Number(d.bundleBytes ?? 0))}, largest Pagefind process ${mb(Number(d.pagefindPeakMB ?? 0))}` : '';
    return `| ${label} | ${fmtSummary(summarise(list.map((s) => s.ms)))} | ${fmtSummary(summarise(list.map((s) => s.peakRssMB)), mb)} | ${about} |`;
  };
  const rows = [row('Astro build alone (warm caches)', 'astro'), row('search index alone, sharded as the build does', 'searchIndex'), row('search index alone, unsharded (one Pagefind run)', 'searchUnsharded')].filter(Boolean) as string[];
  if (rows.length === 0) return [];
  return ['### Steps alone', '', 'Not part of the builds above: each step on its own, for comparison.', '', '| step | time | peak memory | |', '|---|---:|---:|---|', ...rows];
}

interface SearchFigures {
  ours: Summary | undefined;
  bare: Summary | undefined;
  /** Our page's shell with the bare page's script; its median ÷ the bare page's. */
  shell: Summary | undefined;
  shellRatio: number | undefined;
  /** Our median ÷ the bare page's median over every load of the query set. */
  ratio: number | undefined;
  /** Each query's ratio of medians: the spread over the query set. */
  perQuery: Summary | undefined;
  oursBytes: Summary | undefined;
  bareBytes: Summary | undefined;
}

const med = (values: number[]): number => summarise(values)?.median ?? Number.NaN;

function figuresRatio(ours: Summary | undefined, bare: Summary | undefined): { ours: Summary | undefined; bare: Summary | undefined; ratio: number | undefined } {
  return { ours, bare, ratio: ours && bare ? ours.median / bare.median : undefined };
}

function searchFigures(c: SearchComparison): SearchFigures {
  const all = (pick: (q: SearchComparison['queries'][number]) => Load[], f: (l: Load) => number) => c.queries.flatMap((q) => pick(q).map(f));
  const ours = summarise(all((q) => q.ours, (l) => l.ms));
  const bare = summarise(all((q) => q.bare, (l) => l.ms));
  const shell = summarise(all((q) => q.shell ?? [], (l) => l.ms));
  return {
    ...figuresRatio(ours, bare),
    shell,
    shellRatio: shell && bare ? shell.median / bare.median : undefined,
    perQuery: summarise(c.queries.filter((q) => q.ours.length && q.bare.length).map((q) => med(q.ours.map((l) => l.ms)) / med(q.bare.map((l) => l.ms)))),
    oursBytes: summarise(all((q) => q.ours, (l) => l.firstBytes)),
    bareBytes: summarise(all((q) => q.bare, (l) => l.firstBytes)),
  };
}

export function searchSection(list: SearchComparison[]): string[] {
  const lines = [
    '### First search',
    '',
    'Headless Chromium, a fresh context (empty cache) per load, localhost, served by scripts/mirror/serve.ts with text gzip/brotli-compressed as a production server sends it (Pagefind\'s index files are gzip already). **Ours**: `search/?q=…`, the search page. **Bare**: `bare/?q=…`, a page the benchmark adds to a copy of the site that only imports pagefind.js, merges the same shards, searches, loads the first result and puts its title on screen: the engine\'s floor on the same bundle. **Shell**: `shell/?q=…`, our search page as built with the bare page\'s script in place of ours (same HTML, styles, header and form; no CSP meta tag, which lists the replaced script\'s hash): what the page costs before its script does anything of its own. The three take turns at going first. Time: page clock from navigation start until the first result is on screen. Bytes: transferred until then (the document and every response finished by that moment).',
  ];
  for (const c of list) {
    const f = searchFigures(c);
    lines.push(
      '',
      `#### Site ${c.label}: ${c.shards} shard(s), ${c.rounds} round(s) per query`,
      '',
      '| query | results | ours | shell | bare | ours ÷ bare (above 1: our page is slower) | shell ÷ bare | bytes until the first result, ours / bare | whole first search, ours |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...c.queries.map((q) => {
        const o = summarise(q.ours.map((l) => l.ms));
        const b = summarise(q.bare.map((l) => l.ms));
        const sh = summarise((q.shell ?? []).map((l) => l.ms));
        return `| ${q.query} | ${q.ours[0]?.results ?? '–'} | ${fmtSummary(o, ms)} | ${fmtSummary(sh, ms)} | ${fmtSummary(b, ms)} | ${o && b ? times(o.median / b.median) : '–'} | ${sh && b ? times(sh.median / b.median) : '–'} | ${formatBytes(med(q.ours.map((l) => l.firstBytes)))} / ${formatBytes(med(q.bare.map((l) => l.firstBytes)))} | ${formatBytes(med(q.ours.map((l) => l.totalBytes)))} (${Math.round(med(q.ours.map((l) => l.requests)))} requests) |`;
      }),
      `| **median over the query set** | | ${fmtSummary(f.ours, ms)} | ${fmtSummary(f.shell, ms)} | ${fmtSummary(f.bare, ms)} | **${f.ratio !== undefined ? times(f.ratio) : '–'}** (per query ${f.perQuery ? `${times(f.perQuery.min)}–${times(f.perQuery.max)}` : '–'}) | ${f.shellRatio !== undefined ? times(f.shellRatio) : '–'} | ${fmtSummary(f.oursBytes, formatBytes)} / ${fmtSummary(f.bareBytes, formatBytes)} | |`,
      '',
      'The load chain (median over all loads of when each stage\'s first response finished, ms from navigation start):',
      '',
      `| | ${STAGES.join(' | ')} |`,
      `|---|${STAGES.map(() => '---:').join('|')}|`,
      ...(['ours', 'shell', 'bare'] as const).map((who) => `| ${who} | ${STAGES.map((stage) => {
        const values = c.queries.flatMap((q) => (q[who] ?? []).map((l) => l.stages[stage])).filter((n): n is number => n !== undefined);
        return values.length ? String(Math.round(med(values))) : '–';
      }).join(' | ')} |`),
    );
  }
  return lines;
}

function resultsSection(r: SizeResults): string {
  const lines: string[] = [];
  if (r.partial) lines.push(`**Incomplete: the run stopped after "${r.partial}".**`, '');
  lines.push(
    `${date(r.date)}, \`${r.command}\`: ${r.runs} run(s), thumbnails \`--thumbs ${r.thumbs}\`, OCR \`--ocr ${r.ocr}\`; load average ${r.load.start}${r.load.end !== undefined ? ` at the start, ${r.load.end} at the end` : ' at the start'} on ${r.machine.nproc} cores.`,
    '',
    `Archive: ${r.archive.years} years, ${r.archive.programs} programs, ${r.archive.decks} decks, ${r.archive.pages.toLocaleString('en')} planned slide pages, ${formatBytes(r.archive.pdfBytes)} of PDF` +
      (r.archive.siteFiles ? `; the built site has ${r.archive.siteFiles.toLocaleString('en')} files, ${formatBytes(r.archive.siteBytes ?? 0)}` : '') +
      '.',
  );
  if (r.archive.outcomes) lines.push('', `Ingest outcomes: ${Object.entries(r.archive.outcomes).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ')}.`);
  lines.push('', ...buildsSection(r));
  const alone = aloneSection(r);
  if (alone.length) lines.push('', ...alone);
  if (r.ingest) lines.push('', comparisonMarkdown({ ...r.ingest, label: `PDF ingest against poppler (${r.ingest.label})` }));
  if (r.search && r.search.length > 0) lines.push('', ...searchSection(r.search));
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

/** "met", or "missed by 1.2 s (1.3× the limit)"; `value` and `limit` in the same unit, lower is better. */
function verdict(value: number | undefined, limit: number, unit: (n: number) => string, strict = false): string {
  if (value === undefined || !Number.isFinite(value)) return 'not measured';
  if (strict ? value < limit : value <= limit) return `met (${times(value / limit)} the limit)`;
  return `**missed** by ${unit(value - limit)} (${times(value / limit)} the limit)`;
}

function phaseWhy(s: StepResult | undefined): string {
  if (!s?.phases) return '';
  const total = s.ms || 1;
  return Object.entries(s.phases)
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([name, v]) => `${PHASE_LABELS[name] ?? name} ${fmtMs(v)} (${Math.round((v / total) * 100)} %)`)
    .join(', ');
}

function targets(r: SizeResults): Target[] {
  const out: Target[] = [];
  const ratios = r.ingest?.runs.map(ingestRatios) ?? [];
  const text = summarise(ratios.map((x) => x.text));
  const cpu = summarise(ratios.map((x) => x.textCpu));
  out.push({
    name: "text ingest: our time ÷ pdftotext's time (above 1: we are slower)",
    limit: '≤ 2×',
    measured: text ? fmtSummary(text, times) : '–',
    verdict: verdict(text?.median, 2, times),
    why: r.ingest
      ? `${r.ingest.files} decks, ${r.ingest.pages.toLocaleString('en')} pages, 2 at a time each side: ours ${fmtMs(med(r.ingest.runs.map((x) => x.oursText.ms)))}, pdftotext ${fmtMs(med(r.ingest.runs.map((x) => x.pdftotext.ms)))}; CPU ${cpu ? fmtSummary(cpu, times) : '?'} pdftotext's. pdf.js in JavaScript against poppler in C++, plus Node's start-up and our cleaning.`
      : 'not measured',
  });
  const rebuild = (key: 'noChange' | 'oneChanged', name: string, limit: number) => {
    const s = summarise(steps(r, key).map((x) => x.ms));
    const m = medianStep(r, key);
    out.push({ name, limit: `≤ ${fmtMs(limit)}`, measured: fmtSummary(s), verdict: verdict(s?.median, limit, fmtMs), why: `${kindOf(m) !== '–' ? `${kindOf(m)} build: ` : ''}${phaseWhy(m)}` });
  };
  rebuild('noChange', 'rebuild, nothing changed', 5000);
  rebuild('oneChanged', 'rebuild, one deck changed', 15_000);
  const buildSteps = (['cold', 'noChange', 'oneChanged'] as const).map((k) => [k, Math.max(0, ...steps(r, k).map((s) => s.peakRssMB))] as const).sort((a, b) => b[1] - a[1]);
  const peak = buildSteps[0];
  const cold = medianStep(r, 'cold');
  out.push({
    name: 'peak memory of a build (process tree)',
    limit: '< 1.5 GB',
    measured: peak ? mb(peak[1]) : '–',
    verdict: verdict(peak?.[1], 1536, mb, true),
    why: peak ? `Largest in the ${peak[0] === 'cold' ? 'cold build' : peak[0] === 'noChange' ? 'no-change rebuild' : 'one-deck rebuild'}${cold?.detail?.searchPeakMB !== undefined ? `; its largest Pagefind process ${mb(Number(cold.detail.searchPeakMB))}` : ''}${cold?.detail?.ingestPeakRssMB !== undefined ? `, ingest ${mb(Number(cold.detail.ingestPeakRssMB))}` : ''}.` : '',
  });
  const site = r.search?.[0];
  const f = site ? searchFigures(site) : undefined;
  const other = r.search?.[1];
  const g = other ? searchFigures(other) : undefined;
  out.push({
    name: "first search: our time ÷ the bare Pagefind page's time (above 1: our page is slower)",
    limit: '≤ 1.2×',
    measured: f?.ratio !== undefined ? `${times(f.ratio)}${f.perQuery ? ` (per query ${times(f.perQuery.min)}–${times(f.perQuery.max)})` : ''}` : '–',
    verdict: verdict(f?.ratio, 1.2, times),
    why:
      site && f
        ? `Medians over ${site.queries.length} queries × ${site.rounds} rounds, alternated, ${site.shards} shard(s): ours ${fmtSummary(f.ours, ms)}, bare ${fmtSummary(f.bare, ms)} to the first result on screen.` +
          (f.shellRatio !== undefined && f.ratio !== undefined
            ? ` Our page's shell with the bare page's script: ${times(f.shellRatio)} the bare page; ours ÷ shell ${times(f.ratio / f.shellRatio)} (what our script adds to the page).`
            : '') +
          (other && g?.ratio !== undefined ? ` On the same pages indexed ${other.label} (${other.shards} shard(s)): ${times(g.ratio)}.` : '')
        : 'not measured',
  });
  out.push({
    name: 'first search: bytes until the first result',
    limit: '< 250 KB',
    measured: f?.oursBytes ? fmtSummary(f.oursBytes, formatBytes) : '–',
    verdict: verdict(f?.oursBytes?.median, 250 * 1024, formatBytes, true),
    why: f ? `The bare page: ${fmtSummary(f.bareBytes, formatBytes)}; the difference is the page itself (HTML with its inlined script and CSS) and the fragments of the first results.` : 'not measured',
  });
  const coldSummary = summarise(steps(r, 'cold').map((x) => x.ms));
  out.push({
    name: 'cold build',
    limit: '< 15 min',
    measured: fmtSummary(coldSummary),
    verdict: verdict(coldSummary?.median, 15 * 60_000, fmtMs, true),
    why: `${phaseWhy(cold)}${r.archive.ocrPages !== undefined ? `; ${r.archive.ocrPages} pages read by OCR (\`--ocr ${r.ocr}\`)` : ''}.`,
  });
  return out;
}

function targetsSection(all: ReturnType<typeof loadResults>): string {
  const basis = all.full ?? all.medium ?? all.small;
  if (!basis) return 'No results yet: run `npm run bench -- --size full`.';
  const lines: string[] = [];
  if (basis.size !== 'full') lines.push(`**Not measured at full size yet**: the table uses the ${basis.size} archive (${basis.archive.pages.toLocaleString('en')} pages instead of 90,000), so its times are lower bounds of the full size's.`, '');
  if (basis.partial) lines.push(`**The ${basis.size} run is incomplete (stopped after "${basis.partial}")**; rows without figures say "not measured".`, '');
  lines.push(`The targets of issue 16 (and issue 15 item 8), on the ${basis.size} archive, ${date(basis.date)}: median (min–max) of ${basis.runs} run(s). Every ratio is ours ÷ theirs: above 1 we are slower.`, '');
  lines.push('| target | limit | measured | met / missed | why |', '|---|---|---|---|---|');
  for (const t of targets(basis)) lines.push(`| ${t.name} | ${t.limit} | ${t.measured} | ${t.verdict} | ${t.why} |`);
  return lines.join('\n');
}

function machineSection(all: ReturnType<typeof loadResults>): string {
  const latest = Object.values(all).sort((a, b) => b.date.localeCompare(a.date))[0];
  if (!latest) return 'No results yet.';
  const m = latest.machine;
  return [
    `${m.nproc} cores (${m.cpu}), ${m.memoryGB} GB of memory, shared with other jobs while measuring (the load average of each run is given with it): absolute times are noisy; the ratios compare commands run alternately in the same minutes.`,
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
This file is written by \`node scripts/tools/bench/report.ts\` from \`.cache/bench/results-<size>.json\`
(every \`npm run bench\` runs it); only "## OCR" and "## Notes" are kept as they are.
`;

const REPRODUCE = `\`\`\`sh
npm run bench -- --size small     #    60 decks,  1,000 pages: 3 runs of everything
npm run bench -- --size medium    #   600 decks, 10,000 pages: 3 runs of everything
npm run bench -- --size full      # 3,000 decks, 90,000 pages: 3 runs, 1 cold build (see below)
# options: --runs N (default 3), --cold-runs N (default: every run; 1 at full size), --search-runs N (default 3),
#          --thumbs auto|all|first|none and --ocr auto|off|force (default auto, as npm run build),
#          --ingest-sample N (decks compared with poppler; default 600), --no-search, --no-ingest, --no-write,
#          --search-only (the first searches again on the sites of the last run)
node scripts/tools/bench/report.ts                          # this file again from the last results
node scripts/tools/bench/generate-archive.ts --size full    # only the archive, into .cache/bench/full-s1/content
\`\`\`

Needs poppler-utils and chromium (\`apt-get install -y poppler-utils chromium\`). The archive is written
once to \`.cache/bench/<size>-s<seed>/\` and reused (a deck is rendered again only when its plan changed);
that folder may be a symbolic link to a shared archive, which is then only read. The builds read a
hard-linked copy of it in \`.cache/bench/work-<size>-s<seed>/\`. Each step runs as its own process;
peak memory is the resident memory of its whole process tree (node, worker threads, the Pagefind
binary, Tesseract) sampled every 200 ms. Raw numbers: \`.cache/bench/results-<size>.json\`.

What runs, per run: a cold build (empty caches; at full size only in the first run: with OCR of the
image-only and outlined decks, about 2,700 pages, it takes most of an hour on 2 cores), a rebuild with
nothing changed, a rebuild with one deck changed (a re-rendered variant of one ordinary deck) and one
that changes it back (not reported), the Astro step alone, the search index alone (sharded as the build
does, and unsharded). Then, alternated, our ingest and poppler's on the same decks (every deck, or
every n-th for 600 at full size), and our search page, its shell with the bare script and the bare Pagefind page on the same bundle.
At full size expect about an hour on an idle 2-core machine, most of it the cold build's OCR (about
2,700 pages × 1.65 CPU s ÷ 2 cores ≈ 40 min), then nine rebuilds, the steps alone, three rounds of the
ingest comparison (~5 min) and 84 page loads of first searches (~3 min); two to three times that with
other jobs on the machine. \`--ocr off\` leaves OCR out of the cold build (then say so beside its figure).`;

export function renderBenchmarks(project: string): void {
  const file = path.join(project, 'BENCHMARKS.md');
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const kept = splitSections(existing).filter((s) => KEPT.includes(s.heading));
  const all = loadResults(project);
  const out: Section[] = [
    { heading: '## Targets at full size', body: targetsSection(all) },
    { heading: '## How to reproduce', body: REPRODUCE },
    { heading: '## Machine and versions', body: machineSection(all) },
  ];
  for (const size of SIZE_ORDER) {
    const r = all[size];
    if (r) out.push({ heading: `## Results: ${size}`, body: resultsSection(r) });
  }
  out.push(...kept);
  writeFileSync(file, `${INTRO}\n${out.map((s) => `${s.heading}\n\n${s.body.trim()}\n`).join('\n')}`);
}

if (import.meta.main) renderBenchmarks(path.resolve(import.meta.dirname, '../../..'));

export type { RunResult };
