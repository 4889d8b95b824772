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
import { runMain, type CliIo } from '../../cli.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The exit code: 0, 1 when --check finds a difference, 2 for a decks file that cannot be rendered. */
export function main(argv: string[], io: CliIo): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      check: { type: 'boolean', default: false },
      decks: { type: 'string', default: join(root, 'scripts/tools/sample/decks.yaml') },
      out: { type: 'string', default: join(root, 'content/materials') },
    },
  });
  const decksFile = resolve(io.cwd, values.decks);
  const outDir = resolve(io.cwd, values.out);
  const shown = (p: string): string => relative(io.cwd, p) || p;
  if (!existsSync(decksFile)) {
    io.out(`${shown(decksFile)} does not exist yet: no sample PDFs to generate.`);
    return 0;
  }
  let decks;
  try {
    decks = parseDecks(readFileSync(decksFile, 'utf8'));
  } catch (error) {
    if (error instanceof DecksError) {
      io.err(`${shown(decksFile)}: ${error.message}`);
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
    io.err(`${shown(decksFile)}: ${failures.length} deck(s) could not be rendered:\n  ${failures.join('\n  ')}`);
    return 2;
  }
  if (values.check) {
    if (differ.length > 0) {
      io.err(`${differ.length} of ${decks.length} sample PDFs differ from what ${shown(decksFile)} generates:\n  ${differ.join('\n  ')}`);
      io.err('Run: node scripts/tools/sample/generate.ts');
      return 1;
    }
    io.out(`${decks.length} sample PDFs match ${shown(decksFile)}.`);
    return 0;
  }
  io.out(`${decks.length} sample PDFs: ${written} written, ${same} unchanged (${shown(outDir)}).`);
  return 0;
}

if (import.meta.main) await runMain(main);
