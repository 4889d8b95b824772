/** Messages between the pool (main thread) and worker.ts. */
import type { PageBitmap, RenderRequest } from '../../src/lib/pdf/process.ts';
import type { DeckText, ExtractOptions } from '../../src/lib/pdf/types.ts';
import type { OcrSettings } from '../ocr/engine.ts';

export interface JobMessage {
  job: number;
  data: Uint8Array;
  options: ExtractOptions;
  render: RenderRequest[];
  /** OCR the pages that lack their text with this engine (none: only flag them). */
  ocr?: OcrSettings;
}

export type ResultMessage =
  | { type: 'result'; job: number; deck: DeckText; bitmaps: PageBitmap[] }
  | { type: 'error'; job: number; message: string };
