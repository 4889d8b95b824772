/**
 * Builds that collide or are killed, run like `npm run build` on a temporary copy of the
 * bad-content fixture: a second build at the same time (refused, or waiting with --wait), and
 * kill -9 at each phase; the previous site stays whole and the next build takes over the lock.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { outputPaths } from '../scripts/build/output.ts';
import { BUILDS_TIMEOUT, expectWholeSite, fixtureCopy, program } from './helpers/bad-content.ts';
import { buildCommand, buildSite, PROJECT_ROOT, type BuildSiteOptions } from './helpers/build.ts';

interface Running {
  child: ChildProcess;
  stderr: () => string;
  exit: Promise<number | null>;
}

function startBuild(options: BuildSiteOptions): Running {
  const { args, env } = buildCommand(options);
  const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, stderr: () => stderr, exit };
}

/** Waits for a state of another process that no event announces (stopped: /proc says T). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** The process stopped itself at its IW_BUILD_STOP_AT phase (state T in /proc). */
function isStopped(pid: number | undefined): boolean {
  try {
    return /\) T /u.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('builds that collide or are killed', () => {
  const copy = fixtureCopy();
  const options: BuildSiteOptions = { content: copy.content, cacheDir: copy.cacheDir, outDir: copy.outDir, workDir: copy.root };
  const paths = outputPaths(copy.outDir, copy.cacheDir);
  const newProgram = path.join(copy.content, 'programs/2024/o30.md');

  beforeAll(() => {
    expect(buildSite(options).status).toBe(0);
    // Every later build has one more program, so a half-swapped site would show it.
    writeFileSync(newProgram, program('O30'));
  });

  it('stops a second build into the same output with a message naming the first, or makes it wait with --wait', async () => {
    const first = startBuild({ ...options, env: { IW_BUILD_STOP_AT: 'pages' } });
    await until(() => isStopped(first.child.pid));
    const { args, env } = buildCommand(options);
    const second = spawnSync(process.execPath, args, { cwd: PROJECT_ROOT, env, encoding: 'utf8' });
    expect(second.status).toBe(75);
    expect(second.stderr).toContain(`another build (pid ${first.child.pid}, started `);
    expect(second.stderr).toContain('Wait for it to finish (or run with --wait), or stop it');
    expectWholeSite(copy.outDir);

    const waiting = startBuild({ ...options, args: ['--wait'] });
    await until(() => waiting.stderr().includes(`waiting for build pid ${first.child.pid}`));
    first.child.kill('SIGCONT');
    expect(await first.exit).toBe(0);
    expect(await waiting.exit).toBe(0);
    expectWholeSite(copy.outDir);
    expect(existsSync(path.join(copy.outDir, '2024/o30/index.html'))).toBe(true);
    expect([paths.outputLock, paths.cacheLock, paths.staging, paths.previous].filter((file) => existsSync(file))).toEqual([]);
  }, BUILDS_TIMEOUT);

  for (const phase of ['ingest', 'pages', 'search', 'manifest'] as const) {
    it(`leaves the previous site whole when killed with kill -9 at phase ${phase}, and the next build takes over its lock`, async () => {
      // The killed build would add O30 where the site lacks it and drop it where the site has it,
      // so a half-swapped site would show; no build is spent to bring the site back to one state.
      const hadO30 = existsSync(path.join(copy.outDir, '2024/o30/index.html'));
      if (hadO30) rmProgram();
      else writeFileSync(newProgram, program('O30'));

      const killed = startBuild({ ...options, env: { IW_BUILD_STOP_AT: phase }, args: phase === 'ingest' ? ['--force'] : [] });
      await until(() => isStopped(killed.child.pid));
      killed.child.kill('SIGKILL');
      await killed.exit;
      expectWholeSite(copy.outDir);
      expect(existsSync(path.join(copy.outDir, '2024/o30/index.html'))).toBe(hadO30);
      expect(JSON.parse(readFileSync(paths.outputLock, 'utf8'))).toMatchObject({ pid: killed.child.pid });

      const next = buildSite({ ...options, quiet: false });
      expect(next.status).toBe(0);
      expect(next.stderr).toContain(`notice: took over the lock of build pid ${killed.child.pid}`);
      expectWholeSite(copy.outDir);
      expect(existsSync(path.join(copy.outDir, '2024/o30/index.html'))).toBe(!hadO30);
      expect([paths.outputLock, paths.cacheLock, paths.staging].filter((file) => existsSync(file))).toEqual([]);
    }, BUILDS_TIMEOUT);
  }

  function rmProgram(): void {
    rmSync(newProgram, { force: true });
  }
});
