/**
 * Checks a copy of the mirror: a package folder (manifest.json + SHA256SUMS), a
 * package archive (.tar.gz, extracted to a temporary folder first), or a bare built
 * site (MANIFEST.sha256). Reports missing, changed and extra files.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compareFiles, MANIFEST_JSON, parseSha256sums, SHA256SUMS, type Comparison, type MirrorManifest } from '../../src/lib/mirror/package.ts';
import { extractTarGz, walk } from './archive.ts';
import { MANIFEST_NAME, verifyManifest } from './manifest.ts';
import { fileEntry } from './package.ts';
import { runMain, type CliIo } from '../cli.ts';

export interface CopyVerification extends Comparison {
  /** What was checked: the folder, and which manifest. */
  root: string;
  kind: 'package' | 'site';
}

function verifyPackage(root: string): CopyVerification {
  let manifest: MirrorManifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(root, MANIFEST_JSON), 'utf8')) as MirrorManifest;
  } catch (error) {
    throw new Error(`${path.join(root, MANIFEST_JSON)}: expected the package manifest (JSON); ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!Array.isArray(manifest.files)) throw new Error(`${path.join(root, MANIFEST_JSON)}: expected a "files" list; found ${typeof manifest.files}`);
  const actual = new Map(
    walk(root)
      .files.filter((name) => name !== MANIFEST_JSON && name !== SHA256SUMS)
      .map((name) => [name, () => fileEntry(root, name)] as const),
  );
  const result: CopyVerification = { root, kind: 'package', ...compareFiles(manifest.files, actual) };
  // manifest.json itself is listed in SHA256SUMS: a changed manifest is a changed file too.
  if (existsSync(path.join(root, SHA256SUMS))) {
    const sums = parseSha256sums(readFileSync(path.join(root, SHA256SUMS), 'utf8'), path.join(root, SHA256SUMS));
    if (sums.get(MANIFEST_JSON) !== fileEntry(root, MANIFEST_JSON).sha256) result.changed.push(MANIFEST_JSON);
    else result.ok += 1;
  } else {
    result.missing.push(SHA256SUMS);
  }
  return result;
}

function verifySite(root: string): CopyVerification {
  const result = verifyManifest(root);
  return { root, kind: 'site', ok: result.ok, missing: result.missing, changed: result.mismatched, extra: result.unlisted };
}

/** The folder holding the manifest: the one given, or its only sub-folder (an extraction folder). */
function packageRoot(folder: string): string {
  if (existsSync(path.join(folder, MANIFEST_JSON)) || existsSync(path.join(folder, MANIFEST_NAME))) return folder;
  const children = readdirSync(folder).filter((name) => statSync(path.join(folder, name)).isDirectory());
  if (children.length === 1 && existsSync(path.join(folder, children[0] ?? '', MANIFEST_JSON))) return path.join(folder, children[0] ?? '');
  throw new Error(`${folder}: expected a mirror package (${MANIFEST_JSON}) or a built site (${MANIFEST_NAME}); found neither`);
}

export async function verifyCopy(target: string): Promise<CopyVerification> {
  if (!existsSync(target)) throw new Error(`${target}: no such file or folder`);
  if (statSync(target).isFile()) {
    if (!/\.(tar\.gz|tgz)$/u.test(target)) throw new Error(`${target}: expected a folder or a .tar.gz package`);
    const into = mkdtempSync(path.join(tmpdir(), 'iw-verify-'));
    try {
      const top = await extractTarGz(target, into);
      if (top.length !== 1) throw new Error(`${target}: expected one top-level folder in the archive; found ${top.length}: ${top.slice(0, 5).join(', ')}`);
      const result = verifyPackage(path.join(into, top[0] ?? ''));
      return { ...result, root: target };
    } finally {
      rmSync(into, { recursive: true, force: true });
    }
  }
  const root = packageRoot(target);
  return existsSync(path.join(root, MANIFEST_JSON)) ? verifyPackage(root) : verifySite(root);
}

/** `npm run verify -- DIR_OR_ARCHIVE` (default dist): the differences on stderr, a summary line, exit 1 on any. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const target = argv[0] ?? 'dist';
  try {
    // As given, so messages name it as the user wrote it; against io.cwd when that is not the process's.
    const result = await verifyCopy(io.cwd === process.cwd() ? target : path.resolve(io.cwd, target));
    for (const name of result.changed) io.err(`changed: ${name}`);
    for (const name of result.missing) io.err(`missing: ${name}`);
    for (const name of result.extra) io.err(`extra (not in the manifest): ${name}`);
    const bad = result.changed.length + result.missing.length + result.extra.length;
    io.out(`${target}: ${result.ok} files verified, ${result.changed.length} changed, ${result.missing.length} missing, ${result.extra.length} extra`);
    return bad === 0 ? 0 : 1;
  } catch (error) {
    io.err(`${target}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (import.meta.main) await runMain(main);
