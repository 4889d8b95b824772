/**
 * Standard security handler, revision 3 (RC4, 128-bit key), as in ISO 32000-1
 * 7.6.3 (algorithms 2, 3, 5). RC4 is implemented here (OpenSSL 3 no longer
 * offers it by default); MD5 comes from node:crypto. Deterministic: the file
 * identifier is the only "random" input and the caller derives it from content.
 */
import { createHash } from 'node:crypto';
import { concat, latin1, name, PdfString, type PdfDict } from './objects.ts';

const PAD = Uint8Array.from([
  0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08, 0x2e, 0x2e, 0x00,
  0xb6, 0xd0, 0x68, 0x3e, 0x80, 0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a,
]);

export function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff;
    const t = s[i]!;
    s[i] = s[j]!;
    s[j] = t;
  }
  const out = new Uint8Array(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]!) & 0xff;
    const t = s[i]!;
    s[i] = s[j]!;
    s[j] = t;
    out[k] = data[k]! ^ s[(s[i]! + s[j]!) & 0xff]!;
  }
  return out;
}

const md5 = (...parts: Uint8Array[]): Uint8Array => {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};

/** Password bytes, padded or cut to 32 (passwords are Latin-1 in R3). */
function padPassword(password: string): Uint8Array {
  const p = latin1(password).subarray(0, 32);
  const out = new Uint8Array(32);
  out.set(p);
  out.set(PAD.subarray(0, 32 - p.length), p.length);
  return out;
}

const xorKey = (key: Uint8Array, x: number): Uint8Array => key.map((b) => b ^ x);

export interface EncryptOptions {
  userPassword: string;
  /** Defaults to the user password with "-owner" appended. */
  ownerPassword?: string;
  /** The /P value; default: everything allowed except modification (-1340 style bits). */
  permissions?: number;
}

export interface Encryption {
  /** The /Encrypt dictionary (its strings are never encrypted). */
  dict: PdfDict;
  /** Encrypts the strings and streams of object `num` (generation 0). */
  cipherFor(num: number): (bytes: Uint8Array) => Uint8Array;
}

export function standardSecurity(options: EncryptOptions, fileId: Uint8Array): Encryption {
  const keyLength = 16;
  const permissions = options.permissions ?? -3904; // print, copy, accessibility; no modify
  // Algorithm 3: the O entry.
  let ownerKey = md5(padPassword(options.ownerPassword ?? `${options.userPassword}-owner`));
  for (let i = 0; i < 50; i++) ownerKey = md5(ownerKey.subarray(0, keyLength));
  ownerKey = ownerKey.subarray(0, keyLength);
  let o = rc4(ownerKey, padPassword(options.userPassword));
  for (let i = 1; i <= 19; i++) o = rc4(xorKey(ownerKey, i), o);
  // Algorithm 2: the file key.
  const p = new Uint8Array(4);
  new DataView(p.buffer).setInt32(0, permissions, true);
  let key = md5(padPassword(options.userPassword), o, p, fileId);
  for (let i = 0; i < 50; i++) key = md5(key.subarray(0, keyLength));
  key = key.subarray(0, keyLength);
  // Algorithm 5: the U entry (16 bytes computed, 16 bytes of fixed padding).
  let u = rc4(key, md5(PAD, fileId));
  for (let i = 1; i <= 19; i++) u = rc4(xorKey(key, i), u);
  const uFull = concat([u, new Uint8Array(16)]);
  return {
    dict: {
      Filter: name('Standard'),
      V: 2,
      R: 3,
      Length: keyLength * 8,
      O: new PdfString(o),
      U: new PdfString(uFull),
      P: permissions,
    },
    cipherFor(num: number) {
      const extra = Uint8Array.from([num & 0xff, (num >> 8) & 0xff, (num >> 16) & 0xff, 0, 0]);
      const objectKey = md5(key, extra).subarray(0, Math.min(keyLength + 5, 16));
      return (bytes) => rc4(objectKey, bytes);
    },
  };
}
