/**
 * Verifies a copy of the mirror against its manifest: every file present with the
 * right size and hash, nothing extra. Exit 1 on any difference.
 *
 *   node scripts/verify.ts [DIR_OR_ARCHIVE]     (default dist)
 *
 * DIR_OR_ARCHIVE: a package folder or archive from `npm run mirror` (manifest.json,
 * SHA256SUMS), or a built site (MANIFEST.sha256).
 */
import { verifyCopy } from './mirror/verify.ts';

const target = process.argv[2] ?? 'dist';
try {
  const result = await verifyCopy(target);
  for (const name of result.changed) console.error(`changed: ${name}`);
  for (const name of result.missing) console.error(`missing: ${name}`);
  for (const name of result.extra) console.error(`extra (not in the manifest): ${name}`);
  const bad = result.changed.length + result.missing.length + result.extra.length;
  console.log(`${target}: ${result.ok} files verified, ${result.changed.length} changed, ${result.missing.length} missing, ${result.extra.length} extra`);
  process.exit(bad === 0 ? 0 : 1);
} catch (error) {
  console.error(`${target}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
