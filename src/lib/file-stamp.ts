/**
 * A file as a stat sees it (size, modification time in ns, inode), and its SHA-256 once hashed: what
 * the build's record, the manifest and the PDF cache use to know a file unchanged without reading it.
 * A file is trusted unchanged when all three are equal, as make and rsync do.
 */
import type { BigIntStats } from 'node:fs';

export interface FileStamp {
  size: number;
  mtimeNs: string;
  ino: string;
  sha256?: string;
}

export function stampOf(stat: BigIntStats): FileStamp {
  return { size: Number(stat.size), mtimeNs: String(stat.mtimeNs), ino: String(stat.ino) };
}

export function sameStamp(a: FileStamp | undefined, b: FileStamp | undefined): boolean {
  return !!a && !!b && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ino === b.ino;
}
