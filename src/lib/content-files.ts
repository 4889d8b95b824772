/**
 * Reading files of content/ so that nothing outside it is read: every path is
 * resolved with realpath (symlinks followed) and refused when it leaves its
 * root, naming the link that leads out; text must be whole UTF-8, and a file
 * over the size limit is not parsed at all (one pasted file cannot stall the build).
 */
import { lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync as jsRealpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Problem } from './problems.ts';
import { TEXT_LIMITS } from './schema.ts';

/** A problem about one file, before the caller names the file relative to the project. */
export type FileProblem = Omit<Problem, 'file'>;

function isInside(root: string, real: string): boolean {
  return real === root || real.startsWith(`${root}${path.sep}`);
}

/**
 * One realpath(3) call; Node's JavaScript realpathSync lstats every component of the path again for
 * each of the thousands of files a build resolves (a third of loading the programs at full size).
 */
const realpathSync = jsRealpathSync.native;

function realRoot(root: string): string {
  try {
    return realpathSync(root);
  } catch {
    return path.resolve(root);
  }
}

/**
 * The real path of `absolute` when it stays inside `root`; otherwise the problem, naming the
 * first symbolic link on the way and where it points. `shown` turns a path into the report's form.
 */
export function resolveInside(root: string, absolute: string, shown: (file: string) => string): { real: string } | { problem: FileProblem } {
  const rootReal = realRoot(root);
  let real: string;
  try {
    real = realpathSync(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: { kind: 'path', message: code === 'ELOOP' ? `expected a file; found a loop of symbolic links at ${shown(absolute)}` : `expected a file at ${shown(absolute)}; found none` } };
  }
  if (isInside(rootReal, real)) return { real };
  // Name the link that leads out: the first component (from the root down) that is a symbolic link.
  const parts = path.relative(path.resolve(root), path.resolve(absolute)).split(path.sep);
  let current = path.resolve(root);
  for (const part of parts) {
    current = path.join(current, part);
    let isLink = false;
    try {
      isLink = lstatSync(current).isSymbolicLink();
    } catch {
      break;
    }
    if (isLink) {
      return {
        problem: {
          kind: 'path',
          message: `expected a file inside ${shown(root)}/; found a symbolic link ${shown(current)} → ${readlinkSync(current)}, which leads outside it (to ${real}); refused, nothing from it is read or published`,
        },
      };
    }
  }
  return { problem: { kind: 'path', message: `expected a file inside ${shown(root)}/; found ${shown(absolute)}, which resolves outside it (to ${real}); refused` } };
}

/** Files under `dir` ending in `extension`, sorted; links are followed only while they stay inside `root`, each folder once. */
export function listContentFiles(root: string, dir: string, extension: string, shown: (file: string) => string, problems: Problem[]): string[] {
  const found: string[] = [];
  const visited = new Set<string>();
  const walk = (folder: string): void => {
    let real: string;
    try {
      real = realpathSync(folder);
    } catch {
      return;
    }
    if (visited.has(real)) return;
    visited.add(real);
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const absolute = path.join(folder, entry.name);
      let isDirectory = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        const resolved = resolveInside(root, absolute, shown);
        if ('problem' in resolved) {
          // Only links that would have been read are worth a word (a link named notes.txt is not content).
          if (resolved.problem.message.includes('loop') || statSafe(absolute)?.isDirectory() || entry.name.endsWith(extension)) {
            problems.push({ file: shown(absolute), ...resolved.problem });
          }
          continue;
        }
        isDirectory = statSync(resolved.real).isDirectory();
      }
      if (isDirectory) walk(absolute);
      else if (entry.name.endsWith(extension)) found.push(absolute);
    }
  };
  walk(dir);
  return found.sort();
}

function statSafe(file: string) {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of UTF-8 bytes, or the byte offset of the first byte that is not UTF-8
 * (a NUL byte counts: no content file holds binary data).
 */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { offset: number; found: string } {
  try {
    const text = UTF8.decode(bytes);
    const nul = bytes.indexOf(0);
    if (nul === -1) return { text };
    return { offset: nul, found: 'a NUL byte (0x00)' };
  } catch {
    // The shortest prefix that fails to decode ends at the first bad byte (a cut-off character at the end is not a failure while streaming).
    let good = 0;
    let bad = bytes.length;
    while (bad - good > 1) {
      const middle = Math.floor((good + bad) / 2);
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, middle), { stream: true });
        good = middle;
      } catch {
        bad = middle;
      }
    }
    let offset = bad - 1;
    // When the bytes before the bad one decode only as a cut-off character, that character is what is broken: point at its first byte.
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, offset));
    } catch {
      while (offset > 0 && ((bytes[offset - 1] ?? 0) & 0xc0) === 0x80) offset -= 1;
      if (offset > 0) offset -= 1;
    }
    const shownBytes = [...bytes.subarray(offset, offset + 4)].map((byte) => `0x${byte.toString(16).padStart(2, '0').toUpperCase()}`).join(' ');
    return { offset, found: `bytes that are not UTF-8 (${shownBytes})` };
  }
}

/** A content file's text, or why it is refused: outside root, over the size limit, or not UTF-8. */
export function readContentText(root: string, absolute: string, shown: (file: string) => string): { text: string; real: string } | { problem: FileProblem } {
  const resolved = resolveInside(root, absolute, shown);
  if ('problem' in resolved) return resolved;
  const size = statSync(resolved.real).size;
  if (size > TEXT_LIMITS.fileBytes) {
    return { problem: { kind: 'schema', message: `expected a content file of at most ${TEXT_LIMITS.fileBytes.toLocaleString('en')} bytes; found ${size.toLocaleString('en')} bytes (skipped unread)` } };
  }
  const decoded = decodeUtf8(readFileSync(resolved.real));
  if ('offset' in decoded) {
    return { problem: { kind: 'front-matter', message: `expected UTF-8 text; found ${decoded.found} at byte offset ${decoded.offset} (the file was skipped; save it as UTF-8)` } };
  }
  return { text: decoded.text, real: resolved.real };
}
