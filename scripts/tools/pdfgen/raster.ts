/**
 * A tiny deterministic rasteriser for "scanned" slides: text drawn from the real
 * glyph outlines of the embedded font (fontkit) and filled rectangles, into an
 * 8-bit grey bitmap, with 4×4 supersampling and sparse speckle noise. Pure
 * integer-free JavaScript over the same outlines the PDF uses, so the same spec
 * gives the same pixels everywhere (no canvas, no system fonts).
 */
import type { EmbeddedFont } from './fonts.ts';

/** Supersampling factor per axis. */
const SS = 4;

interface Edge {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export class GreyRaster {
  readonly width: number;
  readonly height: number;
  /** Points → pixels. */
  readonly scale: number;
  private readonly pageHeight: number;
  /** Coverage accumulator per pixel (0 … SS² per fill), then ink 0–255. */
  private readonly ink: Float32Array;

  constructor(pageWidth: number, pageHeight: number, dpi: number) {
    this.scale = dpi / 72;
    this.width = Math.round(pageWidth * this.scale);
    this.height = Math.round(pageHeight * this.scale);
    this.pageHeight = pageHeight;
    this.ink = new Float32Array(this.width * this.height);
  }

  /** Fills `text` (baseline at x, y in PDF points, y up) with ink `darkness` 0–1. */
  text(font: EmbeddedFont, text: string, x: number, y: number, size: number, darkness: number): void {
    const edges: Edge[] = [];
    for (const contour of font.contours(text, x, y, size)) {
      for (let i = 0; i < contour.length; i++) {
        const a = contour[i]!;
        const b = contour[(i + 1) % contour.length]!;
        edges.push({ x0: a[0] * this.scale, y0: (this.pageHeight - a[1]) * this.scale, x1: b[0] * this.scale, y1: (this.pageHeight - b[1]) * this.scale });
      }
    }
    this.fill(edges, darkness);
  }

  rect(x: number, y: number, w: number, h: number, darkness: number): void {
    const pts: [number, number][] = [
      [x, y],
      [x + w, y],
      [x + w, y + h],
      [x, y + h],
    ];
    const edges = pts.map((a, i) => {
      const b = pts[(i + 1) % 4]!;
      return { x0: a[0] * this.scale, y0: (this.pageHeight - a[1]) * this.scale, x1: b[0] * this.scale, y1: (this.pageHeight - b[1]) * this.scale };
    });
    this.fill(edges, darkness);
  }

  /** Non-zero winding scanline fill at SS×SS samples per pixel. */
  private fill(edges: Edge[], darkness: number): void {
    if (edges.length === 0) return;
    let minY = Infinity;
    let maxY = -Infinity;
    for (const e of edges) {
      minY = Math.min(minY, e.y0, e.y1);
      maxY = Math.max(maxY, e.y0, e.y1);
    }
    const rowFrom = Math.max(0, Math.floor(minY * SS));
    const rowTo = Math.min(this.height * SS - 1, Math.ceil(maxY * SS));
    const weight = darkness / (SS * SS);
    const crossings: { x: number; dir: number }[] = [];
    for (let sy = rowFrom; sy <= rowTo; sy++) {
      const yy = (sy + 0.5) / SS;
      crossings.length = 0;
      for (const e of edges) {
        if (e.y0 === e.y1) continue;
        const up = e.y0 < e.y1;
        const lo = up ? e.y0 : e.y1;
        const hi = up ? e.y1 : e.y0;
        if (yy < lo || yy >= hi) continue;
        crossings.push({ x: e.x0 + ((yy - e.y0) / (e.y1 - e.y0)) * (e.x1 - e.x0), dir: up ? 1 : -1 });
      }
      if (crossings.length < 2) continue;
      crossings.sort((a, b) => a.x - b.x);
      const py = Math.floor(sy / SS);
      let winding = 0;
      for (let i = 0; i < crossings.length - 1; i++) {
        winding += crossings[i]!.dir;
        if (winding === 0) continue;
        const from = Math.max(0, Math.round(crossings[i]!.x * SS));
        const to = Math.min(this.width * SS, Math.round(crossings[i + 1]!.x * SS));
        for (let sx = from; sx < to; sx++) {
          const idx = py * this.width + Math.floor(sx / SS);
          this.ink[idx] = Math.min(1, (this.ink[idx] ?? 0) + weight);
        }
      }
    }
  }

  /** The grey image, rows top to bottom (255 = paper), with sparse deterministic speckles like a scanner's. */
  toGrey(seed = 0x2545f491): Uint8Array {
    const out = new Uint8Array(this.width * this.height);
    let s = seed >>> 0 || 1;
    for (let i = 0; i < out.length; i++) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      const speckle = (s >>> 0) % 61 === 0 ? 40 : 0;
      const paper = 246 - speckle;
      out[i] = Math.max(0, Math.round(paper - (paper - 20) * (this.ink[i] ?? 0)));
    }
    return out;
  }
}
