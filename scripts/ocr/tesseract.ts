/**
 * Runs Tesseract on one rendered page: the RGBA bitmap becomes a greyscale PNG
 * (sharp), piped to `tesseract stdin stdout … tsv`; the TSV is parsed by
 * src/lib/ocr/tsv.ts. One thread per Tesseract (OMP_THREAD_LIMIT=1): the ingest
 * pool already runs one worker per core.
 */
import { spawn } from 'node:child_process';
import type { PageBitmap } from '../../src/lib/pdf/process.ts';
import { parseTsv, type OcrLine } from '../../src/lib/ocr/tsv.ts';
import type { OcrSettings } from './engine.ts';

/** The page as Tesseract reads it best: grey, on white, at the resolution it was rendered. */
export async function greyPng(bitmap: PageBitmap): Promise<Buffer> {
  // Loaded here, not at the top: every ingest worker imports this module, most never OCR a page.
  const { default: sharp } = await import('sharp');
  return sharp(bitmap.rgba, { raw: { width: bitmap.width, height: bitmap.height, channels: 4 } })
    .flatten({ background: '#ffffff' })
    .greyscale()
    .png({ compressionLevel: 1 })
    .toBuffer();
}

export async function recognise(bitmap: PageBitmap, settings: OcrSettings): Promise<OcrLine[]> {
  const png = await greyPng(bitmap);
  const args = ['stdin', 'stdout', '-l', settings.languages, '--psm', String(settings.psm), '--dpi', String(settings.dpi), 'tsv'];
  const tsv = await new Promise<string>((resolve, reject) => {
    const child = spawn(settings.binary, args, { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString('utf8')).slice(-400);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`tesseract exited with code ${code}: ${err.trim().split('\n').at(-1) ?? ''}`));
    });
    child.stdin.on('error', () => {}); // a failing tesseract closes stdin early; its exit code says why
    child.stdin.end(png);
  });
  return parseTsv(tsv).lines;
}
