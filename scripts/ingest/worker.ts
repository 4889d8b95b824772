/**
 * One ingest worker thread: its own pdf.js, one document at a time. Receives the PDF's bytes
 * (transferred, not copied), answers with the DeckText and the rendered bitmaps (transferred back).
 * processPdf() never throws for bad input; anything that still escapes is reported as an error
 * message, and a crash or hang is handled by the pool (see pool.ts).
 */
import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { processPdf } from '../../src/lib/pdf/process.ts';
import type { JobMessage, ResultMessage } from './protocol.ts';
import { recognise } from '../ocr/tesseract.ts';

if (!parentPort) throw new Error('worker.ts must run as a worker thread');
const port = parentPort;

/**
 * Fault injection for the pool's recovery tests, kept out of the ingest API: with
 * IW_INGEST_FAULTS='{"crash":["<sha256>"],"hang":["<sha256>"]}' in the environment, the worker
 * exits or spins on those documents, as a parser that crashes or loops would.
 */
const faults = process.env.IW_INGEST_FAULTS ? (JSON.parse(process.env.IW_INGEST_FAULTS) as { crash?: string[]; hang?: string[] }) : undefined;

port.on('message', (message: JobMessage) => {
  void run(message);
});

async function run(message: JobMessage): Promise<void> {
  if (faults) {
    const sha = createHash('sha256').update(message.data).digest('hex');
    if (faults.crash?.includes(sha)) process.exit(70);
    if (faults.hang?.includes(sha)) for (;;);
  }
  let reply: ResultMessage;
  try {
    const ocr = message.ocr;
    const { deck, bitmaps } = await processPdf(message.data, {
      ...message.options,
      render: message.render,
      ...(ocr ? { ocr: { force: ocr.force, dpi: ocr.dpi, recognise: (bitmap) => recognise(bitmap, ocr) } } : {}),
    });
    reply = { type: 'result', job: message.job, deck, bitmaps };
  } catch (error) {
    reply = { type: 'error', job: message.job, message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  const transfer = reply.type === 'result' ? reply.bitmaps.map((b) => b.rgba.buffer as ArrayBuffer) : [];
  port.postMessage(reply, transfer);
}
