/**
 * Verifies a mirror against its MANIFEST.sha256: every file present with the
 * right hash, nothing extra. Exit 1 on any difference.
 *
 *   node scripts/verify.ts [DIR]
 */
import { verifyManifest } from './mirror/manifest.ts';

const root = process.argv[2] ?? 'dist';
try {
  const result = verifyManifest(root);
  for (const name of result.mismatched) console.error(`changed: ${name}`);
  for (const name of result.missing) console.error(`missing: ${name}`);
  for (const name of result.unlisted) console.error(`not in manifest: ${name}`);
  const bad = result.mismatched.length + result.missing.length + result.unlisted.length;
  console.log(`${root}: ${result.ok} files verified, ${result.mismatched.length} changed, ${result.missing.length} missing, ${result.unlisted.length} not in manifest`);
  process.exit(bad === 0 ? 0 : 1);
} catch (error) {
  console.error(`${root}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
