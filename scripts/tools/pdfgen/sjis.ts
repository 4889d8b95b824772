/**
 * Shift_JIS encoding for 90ms-RKSJ-H text. Node's TextDecoder decodes
 * shift_jis but cannot encode, so the encode table is built once by decoding
 * every two-byte code (first code wins; the NEC-selected IBM rows ED/EE are
 * skipped as the WHATWG encoder does).
 */
let table: Map<string, number> | undefined;

function buildTable(): Map<string, number> {
  const decoder = new TextDecoder('shift_jis', { fatal: false });
  const map = new Map<string, number>();
  for (let b = 0x20; b <= 0x7e; b++) {
    if (b === 0x5c || b === 0x7e) continue; // yen sign and overline in JIS X 0201 Roman
    map.set(String.fromCharCode(b), b);
  }
  for (let b = 0xa1; b <= 0xdf; b++) map.set(decoder.decode(Uint8Array.of(b)), b);
  const leads = [];
  for (let b = 0x81; b <= 0x9f; b++) leads.push(b);
  for (let b = 0xe0; b <= 0xfc; b++) if (b !== 0xed && b !== 0xee) leads.push(b);
  for (const lead of leads) {
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (trail === 0x7f) continue;
      const s = decoder.decode(Uint8Array.of(lead, trail));
      if (s.length !== 1 || s === '\uFFFD') continue;
      if (!map.has(s)) map.set(s, (lead << 8) | trail);
    }
  }
  return map;
}

/** The Shift_JIS code of one character (one or two bytes), or undefined. */
export function sjisCode(ch: string): number | undefined {
  table ??= buildTable();
  return table.get(ch);
}

export function encodeSjis(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const code = sjisCode(ch);
    if (code === undefined) {
      throw new Error(`sjis: cannot encode ${JSON.stringify(ch)} (U+${ch.codePointAt(0)!.toString(16).toUpperCase()})`);
    }
    if (code > 0xff) out.push(code >> 8, code & 0xff);
    else out.push(code);
  }
  return Uint8Array.from(out);
}
