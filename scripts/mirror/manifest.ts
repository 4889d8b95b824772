/**
 * MANIFEST.sha256 at the root of the built site: one line per file in
 * `sha256sum` format, sorted, so a mirror is verified with the standard tool
 * (`sha256sum -c MANIFEST.sha256`) or with `npm run verify`.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stampOf, type FileStamp } from '../../src/lib/file-stamp.ts';

export const MANIFEST_NAME = 'MANIFEST.sha256';

/** Every regular file below `root` but the manifest (relative, `/`-separated, sorted). */
export function listFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((name) => name !== MANIFEST_NAME)
    .sort();
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/**
 * Writes the manifest of `files`, the record of every file below `root` (size, mtime, inode and
 * SHA-256: scripts/build/state.ts hashTree), and returns it sorted by name with the manifest's own stamp.
 */
export function writeManifest(root: string, files: Record<string, FileStamp>): Record<string, FileStamp> {
  const record = Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const lines = Object.entries(record).map(([name, stamp]) => `${stamp.sha256}  ${name}`);
  const manifest = path.join(root, MANIFEST_NAME);
  writeFileSync(manifest, `${lines.join('\n')}\n`);
  record[MANIFEST_NAME] = stampOf(statSync(manifest, { bigint: true }));
  return record;
}

export interface Verification {
  ok: number;
  mismatched: string[];
  missing: string[];
  unlisted: string[];
}

/** Checks every listed file's hash, and reports files present but not listed. */
export function verifyManifest(root: string): Verification {
  const listed = readFileSync(path.join(root, MANIFEST_NAME), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const match = /^([0-9a-f]{64}) {2}(.+)$/u.exec(line);
      if (!match) throw new Error(`${MANIFEST_NAME}: expected "<sha256>  <path>" lines; found ${JSON.stringify(line.slice(0, 80))}`);
      return [match[2] ?? '', match[1] ?? ''] as const;
    });
  const result: Verification = { ok: 0, mismatched: [], missing: [], unlisted: [] };
  const names = new Set<string>();
  for (const [name, hash] of listed) {
    names.add(name);
    const file = path.join(root, name);
    let actual: string;
    try {
      actual = sha256(file);
    } catch {
      result.missing.push(name);
      continue;
    }
    if (actual === hash) result.ok += 1;
    else result.mismatched.push(name);
  }
  result.unlisted = listFiles(root).filter((name) => !names.has(name));
  return result;
}
