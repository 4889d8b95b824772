/**
 * The PDF value model and its serialisation. Everything is written with one
 * number format and one key order (insertion order), so the same values
 * always give the same bytes.
 */

export class PdfName {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
}

export class PdfRef {
  readonly num: number;
  constructor(num: number) {
    this.num = num;
  }
}

/** A string object. Bytes are written as hex, which survives encryption and binary content. */
export class PdfString {
  readonly bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }
}

/** Written verbatim: for deliberately broken objects and hand-written fragments. */
export class PdfRaw {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

export type PdfValue =
  | null
  | boolean
  | number
  | PdfName
  | PdfRef
  | PdfString
  | PdfRaw
  | PdfValue[]
  | PdfDict;

export interface PdfDict {
  readonly [key: string]: PdfValue | undefined;
}

export class PdfStream {
  readonly dict: PdfDict;
  readonly data: Uint8Array;
  constructor(dict: PdfDict, data: Uint8Array) {
    this.dict = dict;
    this.data = data;
  }
}

export type PdfObject = PdfValue | PdfStream;

export const name = (value: string): PdfName => new PdfName(value);
export const ref = (num: number): PdfRef => new PdfRef(num);
export const raw = (text: string): PdfRaw => new PdfRaw(text);

const encoder = new TextEncoder();
export const latin1 = (text: string): Uint8Array => {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) throw new Error(`latin1: character U+${c.toString(16)} out of range`);
    out[i] = c;
  }
  return out;
};
export const utf8 = (text: string): Uint8Array => encoder.encode(text);

/** A text string: PDFDocEncoding when ASCII, else UTF-16BE with BOM. */
export function textString(text: string): PdfString {
  if (/^[\x20-\x7e]*$/.test(text)) return new PdfString(latin1(text));
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xfe;
  out[1] = 0xff;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + i * 2] = c >> 8;
    out[3 + i * 2] = c & 0xff;
  }
  return new PdfString(out);
}

export const bytesString = (bytes: Uint8Array): PdfString => new PdfString(bytes);

/** Numbers: at most 4 decimals, no exponent, no trailing zeros, no "-0". */
export function num(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`pdf: non-finite number ${n}`);
  if (Number.isInteger(n)) return String(n);
  let s = n.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
  if (s === '-0') s = '0';
  return s;
}

const hex = (bytes: Uint8Array): string => {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
};
export const toHex = hex;

function nameToken(value: string): string {
  let s = '/';
  for (const b of utf8(value)) {
    const ch = String.fromCharCode(b);
    if (b < 0x21 || b > 0x7e || '()<>[]{}/%#'.includes(ch)) s += '#' + b.toString(16).padStart(2, '0');
    else s += ch;
  }
  return s;
}

/** Encrypts the bytes of strings and streams of one object; identity when not encrypting. */
export type Cipher = (bytes: Uint8Array) => Uint8Array;

export function serialize(value: PdfValue, cipher?: Cipher): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return num(value);
  if (value instanceof PdfName) return nameToken(value.value);
  if (value instanceof PdfRef) return `${value.num} 0 R`;
  if (value instanceof PdfString) return `<${hex(cipher ? cipher(value.bytes) : value.bytes)}>`;
  if (value instanceof PdfRaw) return value.text;
  if (Array.isArray(value)) return `[${value.map((v) => serialize(v, cipher)).join(' ')}]`;
  const parts: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    parts.push(`${nameToken(key)} ${serialize(v, cipher)}`);
  }
  return `<<${parts.join(' ')}>>`;
}

export function concat(chunks: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const c of chunks) length += c.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
