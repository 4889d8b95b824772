/**
 * Builds that collide or are killed, run like `npm run build` on a temporary copy of the
 * bad-content fixture: a second build at the same time (refused, or waiting with --wait), and
 * kill -9 at each phase; the previous site stays whole and the next build takes over the lock.
 *
 * The kills are one chain of builds: the build that takes over the lock of the one killed at a
 * phase is itself stopped and killed at the next phase, and the build after the last kill runs to
 * the end. So every phase's kill is followed by a build that takes over its lock and gets past
 * the point where it would trip over what the dead build left (its locks, its staging folder),
 * and one full build proves the site is then replaced whole, for four builds fewer than
 * killing and finishing once per phase.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outputPaths } from '../scripts/build/output.ts';
import { BUILDS_TIMEOUT, expectWholeSite, fixtureCopy, program } from './helpers/bad-content.ts';
import { buildCommand, buildSite, PROJECT_ROOT, type BuildSiteOptions } from './helpers/build.ts';

interface Running {
  child: ChildProcess;
  stderr: () => string;
  exited: () => boolean;
  exit: Promise<number | null>;
}

const started: Running[] = [];

function startBuild(options: BuildSiteOptions): Running {
  const { args, env } = buildCommand(options);
  const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let exited = false;
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exit = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      exited = true;
      resolve(code);
    }),
  );
  const running = { child, stderr: () => stderr, exited: () => exited, exit };
  started.push(running);
  return running;
}

/** Waits for a state of another process that no event announces (stopped: /proc says T); fails if it exits first. */
async function until(build: Running, condition: () => boolean): Promise<void> {
  while (!condition()) {
    if (build.exited()) throw new Error(`build pid ${build.child.pid} exited before the awaited state:\n${build.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The process stopped itself at its IW_BUILD_STOP_AT phase (state T in /proc). */
function isStopped(pid: number | undefined): boolean {
  try {
    return /\) T /u.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Starts a build (log kept) that stops itself at `phase`; resolves once it has, its log read up to there. */
async function stoppedAt(options: BuildSiteOptions, phase: string, args: string[] = []): Promise<Running> {
  const build = startBuild({ ...options, quiet: false, env: { IW_BUILD_STOP_AT: phase }, args });
  // The phase's log line is written (synchronously, to a pipe) just before the build stops itself.
  await until(build, () => isStopped(build.child.pid) && build.stderr().includes(`phase: ${phase}`));
  return build;
}

describe('builds that collide or are killed', () => {
  const copy = fixtureCopy();
  const options: BuildSiteOptions = { content: copy.content, cacheDir: copy.cacheDir, outDir: copy.outDir, workDir: copy.root };
  const paths = outputPaths(copy.outDir, copy.cacheDir);
  const newProgram = path.join(copy.content, 'programs/2024/o30.md');
  const o30Page = path.join(copy.outDir, '2024/o30/index.html');

  beforeAll(() => {
    expect(buildSite(options).status).toBe(0);
    // The next build has one more program, so a half-swapped site would show it.
    writeFileSync(newProgram, program('O30'));
  });

  afterAll(() => {
    // A build left stopped by a failed test.
    for (const build of started) if (!build.exited()) build.child.kill('SIGKILL');
  });

  it('stops a second build into the same output with a message naming the first, or makes it wait with --wait', async () => {
    const first = await stoppedAt(options, 'pages');
    const { args, env } = buildCommand(options);
    const second = spawnSync(process.execPath, args, { cwd: PROJECT_ROOT, env, encoding: 'utf8' });
    expect(second.status).toBe(75);
    expect(second.stderr).toContain(`another build (pid ${first.child.pid}, started `);
    expect(second.stderr).toContain('Wait for it to finish (or run with --wait), or stop it');
    expectWholeSite(copy.outDir);

    const waiting = startBuild({ ...options, args: ['--wait'] });
    await until(waiting, () => waiting.stderr().includes(`waiting for build pid ${first.child.pid}`));
    first.child.kill('SIGCONT');
    expect(await first.exit).toBe(0);
    expect(await waiting.exit).toBe(0);
    expectWholeSite(copy.outDir);
    expect(existsSync(o30Page)).toBe(true);
    expect([paths.outputLock, paths.cacheLock, paths.staging, paths.previous].filter((file) => existsSync(file))).toEqual([]);
  }, BUILDS_TIMEOUT);

  const phases = ['ingest', 'pages', 'search', 'manifest'] as const;
  /** The build to kill at the next phase: started by the previous test as the taker-over of its killed build's lock. */
  let next: Running | undefined;

  for (const [index, phase] of phases.entries()) {
    const after = phases[index + 1];
    it(`leaves the previous site whole when killed with kill -9 at phase ${phase}, and the next build takes over its lock${after ? ` (and is killed at ${after})` : ' and replaces the site whole'}`, async () => {
      if (index === 0) {
        // Every build of the chain would drop O30, which the site has: a half-swapped site would lack it.
        rmSync(newProgram);
        // --force: the ingest phase parses the PDFs again rather than reading them from the cache.
        next = await stoppedAt(options, phase, ['--force']);
      }
      const killed = next;
      if (!killed) throw new Error(`no build stopped at phase ${phase}: the test before failed`);
      killed.child.kill('SIGKILL');
      await killed.exit;
      expectWholeSite(copy.outDir);
      expect(existsSync(o30Page)).toBe(true);
      expect(JSON.parse(readFileSync(paths.outputLock, 'utf8'))).toMatchObject({ pid: killed.child.pid });

      const notice = `notice: took over the lock of build pid ${killed.child.pid}`;
      if (after) {
        next = await stoppedAt(options, after);
        expect(next.stderr()).toContain(notice);
        return;
      }
      const last = buildSite({ ...options, quiet: false });
      expect(last.status).toBe(0);
      expect(last.stderr).toContain(notice);
      expectWholeSite(copy.outDir);
      expect(existsSync(o30Page)).toBe(false);
      expect([paths.outputLock, paths.cacheLock, paths.staging].filter((file) => existsSync(file))).toEqual([]);
    }, BUILDS_TIMEOUT);
  }
});
