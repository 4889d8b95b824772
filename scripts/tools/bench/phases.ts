/**
 * Phases of one build for the benchmark, each counted once and adding up to the whole: from the
 * build report's stats when it has per-phase times, else from the build's "phase: X" log lines.
 */
import type { LineMark } from './measure.ts';

/** Names of the phases: those read from the log are named by the "phase: X" line that starts them (the last runs to the "built" line). */
export const PHASE_LABELS: Record<string, string> = {
  // From the build's "phase:" lines (a build report without phase times).
  startup: 'start-up and content validation',
  ingest: 'PDF ingest (and the rest of the content stage)',
  pagesAndCopies: 'Astro pages and the copies of PDFs and thumbnails',
  search: 'search index',
  finish: 'manifest, link check and report',
  // From the build report's stats.phases (scripts/build/report.ts BuildPhases).
  check: 'inputs and output checked (skipped build)',
  content: 'content stage: validation and PDF ingest',
  pages: 'Astro pages',
  publish: 'PDFs and thumbnails into the output',
  carry: 'unchanged pages carried over',
  manifest: 'MANIFEST.sha256',
  links: 'link and CSP check',
  other: 'other (whole − named phases: process start-up and exit, output swap, report)',
};

/**
 * Phases of one build, each counted once, adding up to the whole with `other`:
 * from the build report's `stats.phases` (or `stats.phaseMs`) when it has them (ms per phase),
 * else from the times at which the build's "phase: X" lines arrived.
 * Also the build kind (full / incremental / skipped) when the report says.
 */
export function buildPhases(measured: { ms: number; lines: readonly LineMark[] }, report: unknown): { phases: Record<string, number>; source: 'report' | 'log'; kind?: string } {
  const stats = (report as { stats?: Record<string, unknown> } | undefined)?.stats ?? {};
  const kindValue = stats.kind ?? stats.build ?? stats.buildKind;
  const kind = typeof kindValue === 'string' ? kindValue : typeof (kindValue as { kind?: unknown } | undefined)?.kind === 'string' ? String((kindValue as { kind: string }).kind) : undefined;
  const fromReport = readPhaseNumbers(stats.phases ?? stats.phaseMs);
  const phases: Record<string, number> = {};
  let source: 'report' | 'log' = 'log';
  if (fromReport && Object.keys(fromReport).length > 0) {
    Object.assign(phases, fromReport);
    source = 'report';
  } else {
    const at = (pattern: RegExp): number | undefined => measured.lines.find((l) => pattern.test(l.line))?.at;
    const marks: [string, number | undefined][] = [
      ['startup', 0],
      ['ingest', at(/^phase: ingest$/u)],
      ['pagesAndCopies', at(/^phase: pages$/u)],
      ['search', at(/^phase: search$/u)],
      ['finish', at(/^phase: manifest$/u)],
    ];
    const end = at(/^built /u) ?? measured.ms;
    const known = marks.filter((m): m is [string, number] => m[1] !== undefined);
    for (let i = 0; i < known.length; i++) {
      const [name, from] = known[i] as [string, number];
      const to = known[i + 1]?.[1] ?? end;
      phases[name] = Math.max(0, Math.round(to - from));
    }
  }
  const named = Object.values(phases).reduce((sum, n) => sum + n, 0);
  phases.other = Math.max(0, Math.round(measured.ms - named));
  return { phases, source, ...(kind ? { kind } : {}) };
}

/** `{ ingest: 1200, … }` or `[{ name, ms }, …]`, tolerant of what the build report holds. */
function readPhaseNumbers(value: unknown): Record<string, number> | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const out: Record<string, number> = {};
  if (Array.isArray(value)) {
    for (const item of value as { name?: unknown; phase?: unknown; ms?: unknown }[]) {
      const name = item.name ?? item.phase;
      if (typeof name === 'string' && typeof item.ms === 'number') out[name] = (out[name] ?? 0) + item.ms;
    }
  } else {
    for (const [name, ms] of Object.entries(value)) {
      if (typeof ms === 'number') out[name] = ms;
      else if (ms && typeof ms === 'object' && typeof (ms as { ms?: unknown }).ms === 'number') out[name] = (ms as { ms: number }).ms;
    }
  }
  return out;
}

