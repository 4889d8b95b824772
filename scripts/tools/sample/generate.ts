/**
 * Writes the slide PDFs of the bundled sample archive from
 * scripts/tools/sample/decks.yaml into content/materials/<path>, deterministically.
 * Only files whose bytes change are rewritten.
 *
 *   node scripts/tools/sample/generate.ts            write what changed
 *   node scripts/tools/sample/generate.ts --check    exit 1 listing files that differ (CI)
 *   --decks <file>  --out <dir>                     other input / output (tests)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { renderDeck } from '../pdfgen/deck.ts';
import { DecksError, parseDecks } from '../pdfgen/decks-yaml.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

function main(): number {
  const { values } = parseArgs({
    options: {
      check: { type: 'boolean', default: false },
      decks: { type: 'string', default: join(root, 'scripts/tools/sample/decks.yaml') },
      out: { type: 'string', default: join(root, 'content/materials') },
    },
  });
  const decksFile = resolve(values.decks);
  const outDir = resolve(values.out);
  const shown = (p: string): string => relative(process.cwd(), p) || p;
  if (!existsSync(decksFile)) {
    console.log(`${shown(decksFile)} does not exist yet: no sample PDFs to generate.`);
    return 0;
  }
  let decks;
  try {
    decks = parseDecks(readFileSync(decksFile, 'utf8'));
  } catch (error) {
    if (error instanceof DecksError) {
      console.error(`${shown(decksFile)}: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const differ: string[] = [];
  let written = 0;
  let same = 0;
  const failures: string[] = [];
  for (const deck of decks) {
    let bytes: Uint8Array;
    try {
      bytes = renderDeck(deck.spec);
    } catch (error) {
      failures.push(`${deck.path}: ${(error as Error).message}`);
      continue;
    }
    const file = join(outDir, deck.path);
    const old = existsSync(file) ? readFileSync(file) : undefined;
    if (old && Buffer.compare(old, bytes) === 0) {
      same++;
      continue;
    }
    if (values.check) {
      differ.push(`${old ? 'differs' : 'missing'}: ${shown(file)}`);
      continue;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    written++;
  }
  if (failures.length > 0) {
    console.error(`${shown(decksFile)}: ${failures.length} deck(s) could not be rendered:\n  ${failures.join('\n  ')}`);
    return 2;
  }
  if (values.check) {
    if (differ.length > 0) {
      console.error(`${differ.length} of ${decks.length} sample PDFs differ from what ${shown(decksFile)} generates:\n  ${differ.join('\n  ')}`);
      console.error('Run: node scripts/tools/sample/generate.ts');
      return 1;
    }
    console.log(`${decks.length} sample PDFs match ${shown(decksFile)}.`);
    return 0;
  }
  console.log(`${decks.length} sample PDFs: ${written} written, ${same} unchanged (${shown(outDir)}).`);
  return 0;
}

process.exitCode = main();
