/**
 * Bytes of a listing or a legacy page to text. The encoding comes from, in order: a BOM,
 * a declaration (an HTML meta tag), the bytes themselves (encoding-japanese's detector).
 * Decoding is WHATWG TextDecoder with fatal errors, so Shift_JIS means CP932 as Windows
 * saved it and a byte that fits no encoding is reported, never turned into U+FFFD silently.
 */
import Encoding from 'encoding-japanese';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'shift_jis' | 'euc-jp' | 'iso-2022-jp';

export interface Decoded {
  text: string;
  encoding: TextEncodingName;
  /** Where the encoding came from, for the import report. */
  by: 'bom' | 'declared' | 'detected';
  /** Set when a declaration was wrong and the bytes were read as detected instead. */
  warning?: string;
}

export interface DecodeFailure {
  error: string;
}

const ALIASES: Record<string, TextEncodingName> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  shift_jis: 'shift_jis',
  'shift-jis': 'shift_jis',
  sjis: 'shift_jis',
  'x-sjis': 'shift_jis',
  'windows-31j': 'shift_jis',
  cp932: 'shift_jis',
  ms932: 'shift_jis',
  'euc-jp': 'euc-jp',
  eucjp: 'euc-jp',
  'x-euc-jp': 'euc-jp',
  'iso-2022-jp': 'iso-2022-jp',
  jis: 'iso-2022-jp',
};

const DETECTED: Partial<Record<string, TextEncodingName>> = {
  ASCII: 'utf-8',
  UTF8: 'utf-8',
  SJIS: 'shift_jis',
  EUCJP: 'euc-jp',
  JIS: 'iso-2022-jp',
};

/** The encoding a name stands for (Shift_JIS, x-sjis, EUC-JP, UTF-8…), or undefined for one we do not read. */
export function encodingFromLabel(label: string): TextEncodingName | undefined {
  return ALIASES[label.trim().toLowerCase()];
}

/** The charset an HTML page declares in its first 2 KB (<meta charset> or http-equiv Content-Type). */
export function declaredHtmlCharset(bytes: Uint8Array): string | undefined {
  // Declarations are ASCII in every encoding we read, so latin1 is a safe way to look at them.
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)/iu.exec(head);
  return match?.[1];
}

function bomEncoding(bytes: Uint8Array): { encoding: TextEncodingName; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

function tryDecode(bytes: Uint8Array, encoding: TextEncodingName): string | { badAt: number } {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // Find the first line that does not decode, to name it.
    let line = 1;
    let start = 0;
    for (let index = 0; index <= bytes.length; index += 1) {
      if (index === bytes.length || bytes[index] === 0x0a) {
        try {
          new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(start, index));
        } catch {
          return { badAt: line };
        }
        line += 1;
        start = index + 1;
      }
    }
    return { badAt: line };
  }
}

/** Decodes a file's bytes; `declared` is the charset its own markup names, if any. */
export function decodeBytes(bytes: Uint8Array, declared?: string): Decoded | DecodeFailure {
  const bom = bomEncoding(bytes);
  if (bom) {
    const text = tryDecode(bytes.subarray(bom.length), bom.encoding);
    if (typeof text === 'string') return { text, encoding: bom.encoding, by: 'bom' };
    return { error: `expected ${bom.encoding} text after its byte order mark; line ${text.badAt} is not valid ${bom.encoding}` };
  }
  const problems: string[] = [];
  if (declared !== undefined) {
    const encoding = encodingFromLabel(declared);
    if (encoding === undefined) problems.push(`the page declares charset "${declared}", which is not one the importer reads (UTF-8, Shift_JIS, EUC-JP, ISO-2022-JP)`);
    else {
      const text = tryDecode(bytes, encoding);
      if (typeof text === 'string') return { text, encoding, by: 'declared' };
      problems.push(`the page declares ${declared} but line ${text.badAt} is not valid ${encoding}`);
    }
  }
  const detected = Encoding.detect(bytes);
  const encoding = typeof detected === 'string' ? DETECTED[detected] : undefined;
  if (encoding !== undefined) {
    const text = tryDecode(bytes, encoding);
    if (typeof text === 'string') return { text, encoding, by: 'detected', ...(problems.length > 0 ? { warning: `${problems.join('; ')}; read as ${encoding}` } : {}) };
    problems.push(`the bytes look like ${encoding} but line ${text.badAt} is not valid ${encoding}`);
  } else {
    problems.push(`the bytes are none of UTF-8, Shift_JIS (CP932), EUC-JP or ISO-2022-JP${detected ? ` (they look like ${String(detected)})` : ''}`);
  }
  return { error: `expected text in UTF-8, Shift_JIS, EUC-JP or ISO-2022-JP; ${problems.join('; ')}` };
}
