/** Messages between the pool (main thread) and worker.ts. */
import type { PageBitmap, RenderRequest } from '../../src/lib/pdf/process.ts';
import type { DeckText, ExtractOptions } from '../../src/lib/pdf/types.ts';

export interface JobMessage {
  job: number;
  data: Uint8Array;
  options: ExtractOptions;
  render: RenderRequest[];
}

export type ResultMessage =
  | { type: 'result'; job: number; deck: DeckText; bitmaps: PageBitmap[] }
  | { type: 'error'; job: number; message: string };
