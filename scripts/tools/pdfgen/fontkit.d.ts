// Minimal types for the parts of fontkit 2 that pdfgen uses (fontkit ships none).
declare module 'fontkit' {
  export interface PathCommand {
    command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
    args: number[];
  }
  export interface Path {
    commands: PathCommand[];
  }
  export interface Glyph {
    id: number;
    advanceWidth: number;
    path: Path;
    codePoints: number[];
  }
  export interface BBox {
    minX: number;
    minY: number;
    maxX: number;
    maxY: number;
  }
  export interface Subset {
    includeGlyph(glyph: number | Glyph): number;
    encode(): Uint8Array;
  }
  export interface Font {
    postscriptName: string;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    capHeight: number;
    bbox: BBox;
    numGlyphs: number;
    glyphForCodePoint(codePoint: number): Glyph;
    hasGlyphForCodePoint(codePoint: number): boolean;
    getGlyph(id: number): Glyph;
    createSubset(): Subset;
  }
  export function openSync(path: string): Font;
  export function create(buffer: Uint8Array): Font;
}
