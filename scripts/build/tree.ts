/**
 * Writing a tree of files into an output or a cache folder: each folder made once, files hard-linked
 * where the file system allows (outputs and cache entries are replaced, never rewritten in place).
 */
import { copyFileSync, linkSync, mkdirSync } from 'node:fs';

/**
 * mkdir -p that asks the file system once per folder: carrying over, publishing or restoring thousands
 * of files into a few hundred folders spent most of its time making folders that were already there.
 */
export function dirMaker(): (dir: string) => void {
  const made = new Set<string>();
  return (dir) => {
    if (made.has(dir)) return;
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  };
}

/** Hard-links `from` to `to`, or copies it where a link cannot be made (another file system). */
export function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}
