/**
 * The low-level writer: numbered objects in, a complete PDF file out
 * (header, body, cross-reference table, trailer). The trailer /ID is the MD5
 * of the unencrypted body, so identical content gives identical bytes and the
 * ID changes whenever the content does.
 */
import { createHash } from 'node:crypto';
import { standardSecurity, type EncryptOptions } from './crypto.ts';
import {
  concat,
  latin1,
  PdfRef,
  PdfStream,
  PdfString,
  serialize,
  textString,
  type Cipher,
  type PdfDict,
  type PdfObject,
} from './objects.ts';

export interface PdfInfo {
  title?: string;
  author?: string;
  subject?: string;
  keywords?: string;
  creator?: string;
  producer?: string;
  /** A fixed PDF date string such as "D:20241119000000+09'00'"; never the clock. */
  creationDate?: string;
}

export interface WriteOptions {
  root: PdfRef;
  info?: PdfInfo;
  encrypt?: EncryptOptions;
  /** PDF version in the header; default 1.7. */
  version?: string;
}

export class PdfWriter {
  private readonly objects: (PdfObject | undefined)[] = [];

  /** Reserves an object number, to be filled with set(). */
  alloc(): PdfRef {
    this.objects.push(undefined);
    return new PdfRef(this.objects.length);
  }

  set(r: PdfRef, obj: PdfObject): void {
    if (r.num < 1 || r.num > this.objects.length) throw new Error(`pdf: no object ${r.num}`);
    this.objects[r.num - 1] = obj;
  }

  add(obj: PdfObject): PdfRef {
    const r = this.alloc();
    this.set(r, obj);
    return r;
  }

  get size(): number {
    return this.objects.length;
  }

  toBytes(options: WriteOptions): Uint8Array {
    const infoDict = infoToDict(options.info ?? {});
    const infoRef = Object.keys(infoDict).length > 0 ? this.add(infoDict) : undefined;
    const objects = this.objects.map((o, i) => {
      if (o === undefined) throw new Error(`pdf: object ${i + 1} allocated but never set`);
      return o;
    });
    // The file identifier: a hash of the plain body, computed before encryption.
    const plain = objects.map((o, i) => objectBytes(i + 1, o));
    const hash = createHash('md5');
    for (const p of plain) hash.update(p);
    const fileId = new Uint8Array(hash.digest());

    let bodies = plain;
    let encryptNum: number | undefined;
    if (options.encrypt) {
      const security = standardSecurity(options.encrypt, fileId);
      bodies = objects.map((o, i) => objectBytes(i + 1, o, security.cipherFor(i + 1)));
      encryptNum = objects.length + 1;
      bodies.push(objectBytes(encryptNum, security.dict));
    }

    const header = latin1(`%PDF-${options.version ?? '1.7'}\n%\xe2\xe3\xcf\xd3\n`);
    const offsets: number[] = [];
    let at = header.length;
    for (const b of bodies) {
      offsets.push(at);
      at += b.length;
    }
    let xref = `xref\n0 ${bodies.length + 1}\n0000000000 65535 f\r\n`;
    for (const off of offsets) xref += `${String(off).padStart(10, '0')} 00000 n\r\n`;
    const id = new PdfString(fileId);
    const trailer: PdfDict = {
      Size: bodies.length + 1,
      Root: options.root,
      Info: infoRef,
      ID: [id, id],
      Encrypt: encryptNum === undefined ? undefined : new PdfRef(encryptNum),
    };
    const tail = latin1(`${xref}trailer\n${serialize(trailer)}\nstartxref\n${at}\n%%EOF\n`);
    return concat([header, ...bodies, tail]);
  }
}

function objectBytes(num: number, obj: PdfObject, cipher?: Cipher): Uint8Array {
  if (obj instanceof PdfStream) {
    const data = cipher ? cipher(obj.data) : obj.data;
    const dict = serialize({ ...obj.dict, Length: data.length }, cipher);
    return concat([latin1(`${num} 0 obj\n${dict}\nstream\n`), data, latin1(`\nendstream\nendobj\n`)]);
  }
  return latin1(`${num} 0 obj\n${serialize(obj, cipher)}\nendobj\n`);
}

function infoToDict(info: PdfInfo): PdfDict {
  const entries: Record<string, PdfString> = {};
  const put = (key: string, value: string | undefined): void => {
    if (value !== undefined) entries[key] = textString(value);
  };
  put('Title', info.title);
  put('Author', info.author);
  put('Subject', info.subject);
  put('Keywords', info.keywords);
  put('Creator', info.creator);
  put('Producer', info.producer);
  put('CreationDate', info.creationDate);
  return entries;
}
