/**
 * scripts/build/output.ts on its own: a build that throws leaves the previous
 * output whole and no lock behind; a second holder is refused while the first
 * lives and let in once it is gone; a swap cut short is repaired.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputLockedError, outputPaths, withOutput } from '../scripts/build/output.ts';
import { writeTree } from './helpers/tree.ts';

function setUp() {
  const root = writeTree({ 'dist/index.html': 'previous site', 'cache/pdf/.keep': '' });
  return { root, outDir: path.join(root, 'dist'), cacheDir: path.join(root, 'cache/pdf') };
}

function writeSite(dir: string, text: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), text);
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** The pid of a process that has exited: no process has it now. */
function deadPid(): number {
  const child = spawnSync('sh', ['-c', 'echo $$'], { encoding: 'utf8' });
  return Number(child.stdout.trim());
}

describe('withOutput', () => {
  it('swaps a complete build in and leaves nothing beside it', async () => {
    const { outDir, cacheDir } = setUp();
    await withOutput({ outDir, cacheDir }, async (staging) => writeSite(staging, 'new site'));
    expect(readFileSync(path.join(outDir, 'index.html'), 'utf8')).toBe('new site');
    const paths = outputPaths(outDir, cacheDir);
    expect([paths.staging, paths.previous, paths.outputLock, paths.cacheLock].filter((file) => existsSync(file))).toEqual([]);
  });

  it('keeps the previous site whole when the build fails, and releases the locks', async () => {
    const { outDir, cacheDir } = setUp();
    await expect(
      withOutput({ outDir, cacheDir }, async (staging) => {
        writeSite(staging, 'half a site');
        throw new Error('astro failed');
      }),
    ).rejects.toThrow('astro failed');
    expect(readFileSync(path.join(outDir, 'index.html'), 'utf8')).toBe('previous site');
    const paths = outputPaths(outDir, cacheDir);
    expect([paths.staging, paths.outputLock, paths.cacheLock].filter((file) => existsSync(file))).toEqual([]);
  });

  it('refuses a second holder naming the first, and lets it wait instead', async () => {
    const { outDir, cacheDir } = setUp();
    let release: () => void = () => {};
    const first = withOutput({ outDir, cacheDir }, (staging) => new Promise<void>((resolve) => {
      writeSite(staging, 'first');
      release = resolve;
    }));
    const paths = outputPaths(outDir, cacheDir);
    await until(() => existsSync(paths.staging));
    const refused = await withOutput({ outDir, cacheDir }, async () => {}).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OutputLockedError);
    expect((refused as Error).message).toContain(`another build (pid ${process.pid}, started `);
    // Our own pid holds the lock here, so the waiting holder is let in once the first releases it.
    const lines: string[] = [];
    const second = withOutput({ outDir, cacheDir, wait: true, log: (line) => lines.push(line) }, async (staging) => writeSite(staging, 'second'));
    await until(() => lines.length > 0);
    expect(lines[0]).toContain(`waiting for build pid ${process.pid}`);
    release();
    await first;
    await second;
    expect(readFileSync(path.join(outDir, 'index.html'), 'utf8')).toBe('second');
  });

  it('takes over a lock whose process is gone, and puts back a site left aside by a swap cut short', async () => {
    const { outDir, cacheDir } = setUp();
    const paths = outputPaths(outDir, cacheDir);
    const pid = deadPid();
    writeFileSync(paths.outputLock, JSON.stringify({ pid, host: (await import('node:os')).hostname(), started: '2026-01-01T00:00:00Z', outDir }));
    // Killed between the two renames: the previous site aside, no output folder.
    renameSync(outDir, paths.previous);
    writeSite(paths.staging, 'debris');
    const lines: string[] = [];
    await expect(withOutput({ outDir, cacheDir, log: (line) => lines.push(line) }, async () => {
      expect(readFileSync(path.join(outDir, 'index.html'), 'utf8')).toBe('previous site');
      expect(existsSync(paths.staging)).toBe(false);
      throw new Error('stop here');
    })).rejects.toThrow('stop here');
    expect(lines).toEqual([
      `notice: took over the lock of build pid ${pid} (started 2026-01-01T00:00:00Z), which is no longer running`,
      `notice: restored the previous site into ${outDir} (an earlier build stopped while swapping it)`,
    ]);
    expect(readFileSync(path.join(outDir, 'index.html'), 'utf8')).toBe('previous site');
  });
});
