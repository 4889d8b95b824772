/**
 * The build's hold on its output folder and cache, so that a second build or a
 * crash never destroys the site:
 *
 * - A lock on the output (`.dist.lock` beside `dist/`) and on the cache
 *   (`.cache/build.lock` beside `.cache/pdf/`): a second build stops with a message
 *   naming the first (or, with `wait`, waits for it). A lock whose process is gone
 *   (a build killed with kill -9) is taken over, with a notice.
 * - The site is built into a staging folder beside the output (`.dist.building/`,
 *   the same file system) and renamed into place only when complete; the previous
 *   site is renamed aside (`.dist.previous/`) for that instant and then removed. A
 *   build that fails or is killed leaves the previous site whole; a kill between the
 *   two renames is repaired by the next build, which puts the previous site back.
 *
 * A lock file is made whole and then hard-linked into place (link fails when one
 * exists), so a reader never sees a half-written lock.
 */
import { spawn } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LockHolder {
  pid: number;
  host: string;
  started: string;
  outDir: string;
}

export class OutputLockedError extends Error {
  readonly holder: LockHolder;
  constructor(lockFile: string, holder: LockHolder) {
    super(
      `another build (pid ${holder.pid}, started ${holder.started}) is writing ${holder.outDir}; this build stopped so that neither destroys the other's site. ` +
        `Wait for it to finish (or run with --wait), or stop it; the lock is ${lockFile}.`,
    );
    this.holder = holder;
  }
}

export interface OutputOptions {
  outDir: string;
  cacheDir: string;
  /** Wait for another build instead of stopping. */
  wait?: boolean;
  /**
   * Asked once the locks are held: true when the published output is already what this build would
   * make. Then nothing is built and the output is left exactly as it is (no staging folder, no swap).
   */
  upToDate?: (outDir: string) => boolean | Promise<boolean>;
  log?: (line: string) => void;
}

/** Where a build's pieces live beside the output folder `dist`: .dist.lock, .dist.building, .dist.previous. */
export function outputPaths(outDir: string, cacheDir: string) {
  const absolute = path.resolve(outDir);
  const beside = (suffix: string) => path.join(path.dirname(absolute), `.${path.basename(absolute)}.${suffix}`);
  return {
    outDir: absolute,
    staging: beside('building'),
    previous: beside('previous'),
    outputLock: beside('lock'),
    cacheLock: path.join(path.dirname(path.resolve(cacheDir)), 'build.lock'),
  };
}

/** The output folder a staging folder will become (`.dist.building` → `dist`); any other folder is its own. */
export function publishedDir(dir: string): string {
  const name = path.basename(path.resolve(dir));
  const staged = /^\.(.+)\.building$/u.exec(name);
  return staged?.[1] ? path.join(path.dirname(path.resolve(dir)), staged[1]) : path.resolve(dir);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(lockFile: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(lockFile, 'utf8')) as Partial<LockHolder>;
    return typeof holder.pid === 'number' ? { pid: holder.pid, host: holder.host ?? '', started: holder.started ?? '?', outDir: holder.outDir ?? '?' } : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the lock file, or throws OutputLockedError (without `wait`) while a live process holds it. */
async function acquire(lockFile: string, outDir: string, options: OutputOptions): Promise<() => void> {
  const me: LockHolder = { pid: process.pid, host: hostname(), started: new Date().toISOString(), outDir };
  const draft = `${lockFile}.${process.pid}`;
  mkdirSync(path.dirname(lockFile), { recursive: true });
  writeFileSync(draft, `${JSON.stringify(me)}\n`);
  let waiting = false;
  try {
    for (;;) {
      try {
        linkSync(draft, lockFile);
        return () => {
          if (readHolder(lockFile)?.pid === process.pid) rmSync(lockFile, { force: true });
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readHolder(lockFile);
      if (!holder) {
        // Unreadable: not ours to judge by pid; treat as held for a moment (a lock is never half written, so this is an odd file).
        await sleep(200);
        continue;
      }
      if (holder.host === me.host && !isAlive(holder.pid)) {
        // A build that died (kill -9, power loss) left its lock: move it aside, and only drop it if it is still the dead one.
        const aside = `${lockFile}.stale-${process.pid}`;
        try {
          renameSync(lockFile, aside);
        } catch {
          continue;
        }
        const moved = readHolder(aside);
        if (moved?.pid === holder.pid) {
          unlinkSync(aside);
          options.log?.(`notice: took over the lock of build pid ${holder.pid} (started ${holder.started}), which is no longer running`);
        } else {
          // Another build took it over in between: give its lock back.
          try {
            linkSync(aside, lockFile);
          } catch {
            // A third build holds it now; it keeps it.
          }
          unlinkSync(aside);
        }
        continue;
      }
      if (!options.wait) throw new OutputLockedError(lockFile, holder);
      if (!waiting) options.log?.(`waiting for build pid ${holder.pid} (started ${holder.started}) to finish with ${holder.outDir}`);
      waiting = true;
      await sleep(500);
    }
  } finally {
    rmSync(draft, { force: true });
  }
}

/**
 * Removes the replaced site without making the build wait for it: renamed to `.dist.discarded-<pid>`
 * and deleted by a detached `rm -rf` (deleting 16,000 files takes seconds on a busy disk); whatever
 * is left (rm missing, a crash) is deleted by the next build's repair().
 */
function discard(dir: string): void {
  if (!existsSync(dir)) return;
  const aside = `${dir.replace(/\.previous$/u, '')}.discarded-${process.pid}`;
  try {
    renameSync(dir, aside);
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return;
  }
  try {
    const child = spawn('rm', ['-rf', aside], { detached: true, stdio: 'ignore' });
    child.on('error', () => rmSync(aside, { recursive: true, force: true }));
    child.unref();
  } catch {
    rmSync(aside, { recursive: true, force: true });
  }
}

/** Puts the previous site back when a build died between moving it aside and moving the new one in. */
function repair(paths: ReturnType<typeof outputPaths>, log?: (line: string) => void): void {
  if (existsSync(paths.previous)) {
    if (!existsSync(paths.outDir)) {
      renameSync(paths.previous, paths.outDir);
      log?.(`notice: restored the previous site into ${paths.outDir} (an earlier build stopped while swapping it)`);
    } else {
      rmSync(paths.previous, { recursive: true, force: true });
    }
  }
  // A staging folder is the debris of a build that failed or was killed: never a site.
  rmSync(paths.staging, { recursive: true, force: true });
  // Replaced sites whose deletion did not finish (its process is gone).
  const discarded = `${path.basename(paths.previous).replace(/\.previous$/u, '')}.discarded-`;
  for (const name of readdirSync(path.dirname(paths.previous))) {
    if (!name.startsWith(discarded) || isAlive(Number(name.slice(discarded.length)))) continue;
    try {
      rmSync(path.join(path.dirname(paths.previous), name), { recursive: true, force: true });
    } catch {
      // Its rm is still deleting it.
    }
  }
}

/**
 * Runs `build(stagingDir)` holding the output and cache locks, then swaps the staging folder in.
 * When `build` throws (or the process dies), the output folder is left as it was.
 */
export async function withOutput<T>(options: OutputOptions, build: (stagingDir: string) => Promise<T>): Promise<T | undefined> {
  const paths = outputPaths(options.outDir, options.cacheDir);
  // Always cache first, then output: two builds never hold one each while waiting for the other.
  const releaseCache = await acquire(paths.cacheLock, paths.outDir, options);
  let releaseOutput: (() => void) | undefined;
  try {
    releaseOutput = await acquire(paths.outputLock, paths.outDir, options);
    repair(paths, options.log);
    if (await options.upToDate?.(paths.outDir)) return undefined;
    const result = await build(paths.staging);
    if (existsSync(paths.outDir)) renameSync(paths.outDir, paths.previous);
    renameSync(paths.staging, paths.outDir);
    discard(paths.previous);
    return result;
  } catch (error) {
    if (releaseOutput) rmSync(paths.staging, { recursive: true, force: true });
    throw error;
  } finally {
    releaseOutput?.();
    releaseCache();
  }
}

/**
 * Marks the start of a build phase in the log. IW_BUILD_STOP_AT=<phase> makes the build
 * stop itself (SIGSTOP) there, so that tests can kill -9 it at a known point.
 */
export function buildPhase(name: 'ingest' | 'pages' | 'search' | 'manifest', log: (line: string) => void): void {
  log(`phase: ${name}`);
  if (process.env.IW_BUILD_STOP_AT === name) process.kill(process.pid, 'SIGSTOP');
}
