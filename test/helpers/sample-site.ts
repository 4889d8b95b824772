/**
 * The bundled sample archive, built once per test run and shared read-only by every suite that
 * only looks at it: call sampleSite() (in beforeAll). A suite that changes a site builds its own
 * with buildSite().
 *
 * The integration project's globalSetup starts that build as a child process and returns at
 * once, so the files that do not need it run meanwhile. The build runs under flock(1) holding an
 * exclusive lock; sampleSite() asks for the same lock, which the kernel grants once the build has
 * exited (no polling), then reads what the build left: its report, stderr and exit code.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import type { TestProject } from 'vitest/node';
import type { BuildResult } from '../../scripts/build.ts';
import { buildCommand, PROJECT_ROOT, type BuiltSite } from './build.ts';

interface SampleBuild {
  outDir: string;
  reportDir: string;
  /** Held by the build while it runs. */
  lock: string;
  stderrFile: string;
  statusFile: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    sampleBuild: SampleBuild;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const work = mkdtempSync(path.join(tmpdir(), 'iw-sample-'));
  // --wait: another build on the project's cache (a second test run, npm run build) is waited for.
  const { args, env, outDir, reportDir } = buildCommand({ workDir: work, args: ['--wait'] });
  const build: SampleBuild = { outDir, reportDir, lock: path.join(work, 'sample.lock'), stderrFile: path.join(work, 'stderr.txt'), statusFile: path.join(work, 'status.txt') };
  const script = 'echo locked; "$@" 2>"$IW_SAMPLE_STDERR"; echo $? >"$IW_SAMPLE_STATUS"';
  const child = spawn('flock', ['--exclusive', '--close', build.lock, 'sh', '-c', script, 'sh', process.execPath, ...args], {
    cwd: PROJECT_ROOT,
    env: { ...env, IW_SAMPLE_STDERR: build.stderrFile, IW_SAMPLE_STATUS: build.statusFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  // Provided only once the lock is held, so no test can take it before the build does.
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('error', reject);
    child.once('close', (code) => reject(new Error(`the sample build ended before taking its lock (exit ${code})`)));
  });
  child.stdout.resume();
  project.provide('sampleBuild', build);
  return async () => {
    await exited;
  };
}

/** The sample archive's build, once it has finished. */
export function sampleSite(): BuiltSite {
  const build = inject('sampleBuild');
  const waited = spawnSync('flock', ['--shared', build.lock, 'true']);
  if (waited.status !== 0) throw new Error(`could not wait for the sample build's lock ${build.lock}: ${waited.stderr}`);
  const stderr = readFileSync(build.stderrFile, 'utf8');
  let report: BuildResult;
  try {
    report = JSON.parse(readFileSync(path.join(build.reportDir, 'build-report.json'), 'utf8')) as BuildResult;
  } catch {
    throw new Error(`the sample build wrote no report:\n${stderr}`);
  }
  return { outDir: build.outDir, reportDir: build.reportDir, status: Number(readFileSync(build.statusFile, 'utf8')), stderr, report };
}
