/**
 * Deterministic .tar.gz of a folder with tar-stream (the same bytes for the same files:
 * entries sorted by name, fixed mtime, mode and owner; gzip without a name or time in
 * its header), and safe extraction for `npm run verify -- FILE.tar.gz`.
 */
import { createReadStream, createWriteStream, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import tar from 'tar-stream';
import { compareNames } from '../../src/lib/mirror/package.ts';

/** Every file and folder under root, as "a/b" paths, in byte order. */
export function walk(root: string): { files: string[]; folders: string[] } {
  const files: string[] = [];
  const folders: string[] = [];
  for (const name of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    const relative = name.split(path.sep).join('/');
    const stat = statSync(path.join(root, name));
    if (stat.isDirectory()) folders.push(relative);
    else if (stat.isFile()) files.push(relative);
  }
  return { files: files.sort(compareNames), folders: folders.sort(compareNames) };
}

/** Packs `folder` as `<prefix>/…` into `file` (.tar.gz); every entry's mtime is `mtime`. */
export async function writeTarGz(folder: string, prefix: string, file: string, mtime: Date): Promise<void> {
  const pack = tar.pack();
  const { files, folders } = walk(folder);
  const entries = [...folders.map((name) => ({ name, folder: true })), ...files.map((name) => ({ name, folder: false }))].sort((a, b) =>
    compareNames(a.name, b.name),
  );
  const owner = { uid: 0, gid: 0, uname: '', gname: '', mtime };
  const output = pipeline(pack, createGzip({ level: 9 }), createWriteStream(file));
  pack.entry({ name: `${prefix}/`, type: 'directory', mode: 0o755, ...owner });
  for (const entry of entries) {
    if (entry.folder) {
      pack.entry({ name: `${prefix}/${entry.name}/`, type: 'directory', mode: 0o755, ...owner });
      continue;
    }
    const source = path.join(folder, entry.name);
    const size = statSync(source).size;
    await new Promise<void>((resolve, reject) => {
      const sink = pack.entry({ name: `${prefix}/${entry.name}`, type: 'file', size, mode: 0o644, ...owner }, (error) => (error ? reject(error) : resolve()));
      createReadStream(source).on('error', reject).pipe(sink);
    });
  }
  pack.finalize();
  await output;
}

/** Extracts a .tar.gz into `into`; refuses entries that would land outside it. Returns the top-level names. */
export async function extractTarGz(file: string, into: string): Promise<string[]> {
  const root = path.resolve(into);
  const top = new Set<string>();
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const target = path.resolve(root, header.name);
    if (target !== root && !target.startsWith(`${root}${path.sep}`)) {
      stream.resume();
      extract.destroy(new Error(`${file}: entry ${JSON.stringify(header.name)} would be written outside the extraction folder`));
      return;
    }
    top.add(header.name.split('/')[0] ?? '');
    if (header.type === 'directory') {
      mkdirSync(target, { recursive: true });
      stream.resume();
      stream.on('end', next);
      return;
    }
    if (header.type !== 'file') {
      stream.resume();
      stream.on('end', next);
      return;
    }
    mkdirSync(path.dirname(target), { recursive: true });
    stream.pipe(createWriteStream(target)).on('finish', next).on('error', next);
  });
  await pipeline(createReadStream(file), createGunzip(), extract);
  return [...top].filter(Boolean).sort(compareNames);
}
