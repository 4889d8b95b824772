/**
 * Sites built once per test run and shared read-only by every suite that only looks at them
 * (call them in beforeAll): sampleSite(), the bundled sample archive (content/), and
 * searchFixtureSite(), the small search archive of test/e2e/fixture.ts (several year shards,
 * under a sub-path). A suite that changes a site builds its own with buildSite().
 *
 * The integration project's globalSetup starts both builds as child processes and returns at
 * once, so the files that do not need them run meanwhile. Each build runs under flock(1)
 * holding an exclusive lock; the functions here ask for the same lock, which the kernel grants
 * once that build has exited (no polling), then read what it left: its report, stderr and exit code.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import type { TestProject } from 'vitest/node';
import type { BuildResult } from '../../scripts/build.ts';
import { fixtureContent } from '../e2e/fixture.ts';
import { buildCommand, PROJECT_ROOT, type BuildSiteOptions, type BuiltSite } from './build.ts';

/** The search fixture's sub-path and shard size (small, so that its four years make several shards). */
export const SEARCH_FIXTURE = { base: '/archive/iw/', shardChars: 300 } as const;

interface SharedBuild {
  outDir: string;
  reportDir: string;
  /** Its content folder and PDF cache (the search cache sits beside it). */
  content: string;
  cacheDir: string;
  /** Held by the build while it runs. */
  lock: string;
  stderrFile: string;
  statusFile: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    sampleBuild: SharedBuild;
    searchFixtureBuild: SharedBuild;
  }
}

/** Starts a build under flock; resolves once it holds its lock, with a promise of its end. */
async function startShared(name: string, options: BuildSiteOptions & { content: string; cacheDir: string }): Promise<{ build: SharedBuild; exited: Promise<void> }> {
  const work = options.workDir ?? mkdtempSync(path.join(tmpdir(), `iw-${name}-`));
  const { args, env, outDir, reportDir } = buildCommand({ ...options, workDir: work });
  const build: SharedBuild = { outDir, reportDir, content: options.content, cacheDir: options.cacheDir, lock: path.join(work, `${name}.lock`), stderrFile: path.join(work, 'stderr.txt'), statusFile: path.join(work, 'status.txt') };
  const script = 'echo locked; "$@" 2>"$IW_SHARED_STDERR"; echo $? >"$IW_SHARED_STATUS"';
  const child = spawn('flock', ['--exclusive', '--close', build.lock, 'sh', '-c', script, 'sh', process.execPath, ...args], {
    cwd: PROJECT_ROOT,
    env: { ...env, IW_SHARED_STDERR: build.stderrFile, IW_SHARED_STATUS: build.statusFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  // Provided only once the lock is held, so no test can take it before the build does.
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('error', reject);
    child.once('close', (code) => reject(new Error(`the shared ${name} build ended before taking its lock (exit ${code})`)));
  });
  child.stdout.resume();
  return { build, exited };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // --wait: another build on the project's cache (a second test run, npm run build) is waited for.
  const sample = await startShared('sample', { content: path.join(PROJECT_ROOT, 'content'), cacheDir: path.join(PROJECT_ROOT, '.cache/pdf'), args: ['--wait'] });
  const work = mkdtempSync(path.join(tmpdir(), 'iw-search-site-'));
  const search = await startShared('search-fixture', {
    content: await fixtureContent(),
    workDir: work,
    cacheDir: path.join(work, 'cache', 'pdf'),
    base: SEARCH_FIXTURE.base,
    // The build's log (search shards reused and indexed) is read by test/search-incremental.test.ts.
    quiet: false,
    args: ['--thumbs', 'first'],
    env: { IW_SEARCH_SHARD_CHARS: String(SEARCH_FIXTURE.shardChars) },
  });
  project.provide('sampleBuild', sample.build);
  project.provide('searchFixtureBuild', search.build);
  return async () => {
    await Promise.all([sample.exited, search.exited]);
  };
}

/** A shared build once it has finished. */
function finished(build: SharedBuild): BuiltSite & { content: string; cacheDir: string } {
  const waited = spawnSync('flock', ['--shared', build.lock, 'true']);
  if (waited.status !== 0) throw new Error(`could not wait for the shared build's lock ${build.lock}: ${waited.stderr}`);
  const stderr = readFileSync(build.stderrFile, 'utf8');
  let report: BuildResult;
  try {
    report = JSON.parse(readFileSync(path.join(build.reportDir, 'build-report.json'), 'utf8')) as BuildResult;
  } catch {
    throw new Error(`the shared build into ${build.outDir} wrote no report:\n${stderr}`);
  }
  return { outDir: build.outDir, reportDir: build.reportDir, content: build.content, cacheDir: build.cacheDir, status: Number(readFileSync(build.statusFile, 'utf8')), stderr, report };
}

/** The bundled sample archive (content/, the project's cache), built once per run. */
export function sampleSite(): BuiltSite {
  return finished(inject('sampleBuild'));
}

/**
 * The search fixture (test/e2e/fixture.ts) built once per run under SEARCH_FIXTURE.base with
 * SEARCH_FIXTURE.shardChars, --thumbs first and its own cache, log kept (not --quiet).
 * Read-only: a suite may build the same content again into a folder of its own with this cache.
 */
export function searchFixtureSite(): BuiltSite & { content: string; cacheDir: string } {
  return finished(inject('searchFixtureBuild'));
}
