/**
 * One ingest worker thread: its own pdf.js, one document at a time. Receives the PDF's bytes
 * (transferred, not copied), answers with the DeckText and the rendered bitmaps (transferred back).
 * processPdf() never throws for bad input; anything that still escapes is reported as an error
 * message, and a crash or hang is handled by the pool (see pool.ts).
 */
import { parentPort } from 'node:worker_threads';
import { processPdf } from '../../src/lib/pdf/process.ts';
import type { JobMessage, ResultMessage } from './protocol.ts';
import { recognise } from '../ocr/tesseract.ts';

if (!parentPort) throw new Error('worker.ts must run as a worker thread');
const port = parentPort;

port.on('message', (message: JobMessage) => {
  void run(message);
});

async function run(message: JobMessage): Promise<void> {
  if (message.fault === 'crash') process.exit(70);
  if (message.fault === 'hang') for (;;);
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
