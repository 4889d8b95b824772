/** Builds a site the way a user does (scripts/build.ts as a child process) into a temporary folder. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BuildResult } from '../../scripts/build.ts';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');

export interface BuiltSite {
  outDir: string;
  reportDir: string;
  status: number | null;
  stderr: string;
  report: BuildResult;
}

export interface BuildSiteOptions {
  content?: string;
  base?: string;
  strict?: boolean;
  /** PDF cache; default the project's .cache/pdf (the search cache sits beside it). */
  cacheDir?: string;
  /** Where dist/ and reports/ go; default a fresh temporary folder. */
  workDir?: string;
  outDir?: string;
  /** Extra environment, e.g. IW_SEARCH_SHARD_CHARS. */
  env?: Record<string, string>;
  /** Pass --quiet (default); false keeps the build's log lines in stderr. */
  quiet?: boolean;
  /**
   * buildSite() passes --wait (default), so test files running in parallel that build on the same
   * cache (the project's .cache/pdf) take turns instead of failing on its lock; false to test the lock.
   */
  wait?: boolean;
  args?: string[];
}

/** The command line of scripts/build.ts for these options, and where it writes. */
export function buildCommand(options: BuildSiteOptions = {}): { args: string[]; env: NodeJS.ProcessEnv; outDir: string; reportDir: string } {
  const work = options.workDir ?? mkdtempSync(path.join(tmpdir(), 'iw-build-'));
  const outDir = options.outDir ?? path.join(work, 'dist');
  const reportDir = path.join(work, 'reports');
  const args = [
    path.join(PROJECT_ROOT, 'scripts/build.ts'),
    '--content', options.content ?? path.join(PROJECT_ROOT, 'content'),
    '--out', outDir,
    '--report', reportDir,
    '--cache', options.cacheDir ?? path.join(PROJECT_ROOT, '.cache/pdf'),
    '--base', options.base ?? '/',
    ...(options.quiet === false ? [] : ['--quiet']),
    ...(options.strict ? ['--strict'] : []),
    ...(options.args ?? []),
  ];
  return { args, env: { ...process.env, IW_STRICT: '', ...options.env }, outDir, reportDir };
}

export function buildSite(options: BuildSiteOptions = {}): BuiltSite {
  const { args, env, outDir, reportDir } = buildCommand({ ...options, args: [...(options.wait === false ? [] : ['--wait']), ...(options.args ?? [])] });
  const result = spawnSync(process.execPath, args, { cwd: PROJECT_ROOT, encoding: 'utf8', env });
  let report: BuildResult;
  try {
    report = JSON.parse(readFileSync(path.join(reportDir, 'build-report.json'), 'utf8')) as BuildResult;
  } catch {
    throw new Error(`build wrote no report (exit ${result.status}):\n${result.stderr}`);
  }
  return { outDir, reportDir, status: result.status, stderr: result.stderr, report };
}
