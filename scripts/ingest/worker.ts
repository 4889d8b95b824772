/**
 * One ingest worker thread (a piscina worker, see pool.ts): its own pdf.js, one document at a
 * time. Receives the PDF's bytes (transferred, not copied), answers with the deck's text and the
 * rendered bitmaps (transferred back). processPdf() never throws for bad input; anything that
 * still escapes is answered as an error, and a crash or hang is handled by the pool.
 */
import { createHash } from 'node:crypto';
import { Piscina } from 'piscina';
import { processPdf } from '../../src/lib/pdf/process.ts';
import type { PageBitmap, RenderRequest } from '../../src/lib/pdf/process.ts';
import type { DeckText, ExtractOptions } from '../../src/lib/pdf/types.ts';
import type { OcrSettings } from '../ocr/engine.ts';
import { recognise } from '../ocr/tesseract.ts';

export interface ParseJob {
  data: Uint8Array;
  options: ExtractOptions;
  render: RenderRequest[];
  /** OCR the pages that lack their text with this engine (none: only flag them). */
  ocr?: OcrSettings;
}

export type ParseResult = { type: 'result'; deck: DeckText; bitmaps: PageBitmap[] } | { type: 'error'; message: string };

/**
 * Fault injection for the pool's recovery tests, kept out of the ingest API: with
 * IW_INGEST_FAULTS='{"crash":["<sha256>"],"hang":["<sha256>"],"oom":["<sha256>"]}' in the environment,
 * the worker exits, spins or fills its heap on those documents, as a parser that crashes, loops or
 * leaks would.
 */
const faults = process.env.IW_INGEST_FAULTS ? (JSON.parse(process.env.IW_INGEST_FAULTS) as { crash?: string[]; hang?: string[]; oom?: string[] }) : undefined;

export default async function parse(job: ParseJob): Promise<ParseResult> {
  if (faults) {
    const sha = createHash('sha256').update(job.data).digest('hex');
    if (faults.crash?.includes(sha)) process.exit(70);
    if (faults.hang?.includes(sha)) for (;;);
    if (faults.oom?.includes(sha)) {
      const hoard: number[][] = [];
      for (;;) hoard.push(new Array<number>(1 << 20).fill(hoard.length));
    }
  }
  try {
    const ocr = job.ocr;
    const { deck, bitmaps } = await processPdf(job.data, {
      ...job.options,
      render: job.render,
      ...(ocr ? { ocr: { force: ocr.force, dpi: ocr.dpi, recognise: (bitmap) => recognise(bitmap, ocr) } } : {}),
    });
    // The bitmaps' pixels move to the main thread instead of being copied.
    const result: ParseResult = { type: 'result', deck, bitmaps };
    const transfer = bitmaps.map((b) => b.rgba.buffer as ArrayBuffer);
    const movable = { [Piscina.transferableSymbol]: transfer, [Piscina.valueSymbol]: result } as unknown as Parameters<typeof Piscina.move>[0];
    return Piscina.move(movable) as unknown as ParseResult;
  } catch (error) {
    return { type: 'error', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}
