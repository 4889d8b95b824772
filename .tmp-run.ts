import { writeFileSync, mkdirSync } from 'node:fs';
import { fixturePdf } from './test/fixtures/pdfs.ts';
import { ingestDecks } from './scripts/ingest/index.ts';
mkdirSync('/tmp/ocr/in', { recursive: true });
const kinds = ['scan-ja', 'outlines-mixed', 'outlines-only', 'image-only', 'ja-embedded'] as const;
for (const k of kinds) writeFileSync(`/tmp/ocr/in/${k}.pdf`, await fixturePdf(k));
const t = performance.now();
const { decks, stats } = await ingestDecks(kinds.map((k) => ({ id: k, absolutePath: `/tmp/ocr/in/${k}.pdf` })), { cacheDir: false, progress: 'silent', workers: 2 });
console.log(Math.round(performance.now() - t), 'ms', stats.ocr);
for (const [id, d] of decks) {
  console.log('==', id, d.outcome, d.message);
  for (const p of d.pages) console.log(p.page, p.flags, p.confidence, p.ocrReason, JSON.stringify(p.text));
}
