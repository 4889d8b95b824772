/**
 * Material file names of every era, read for what they say: the program code, the talk
 * number inside it, the speaker's surname, the part. Folders only give the year (2009/).
 *
 *   C03.PDF                (1999)       → C3
 *   T13-2.pdf              (2005–2006)  → T13, talk 2
 *   IW2008-H3-07.pdf       (2008)       → H3, talk 7, year 2008
 *   h3/iw2009-h3-01.pdf    (2009)       → H3, talk 1, year 2009
 *   s09/s09-01.pdf         (2011)       → S9, talk 1
 *   t03/t3-ohara.pdf       (2012–)      → T3, surname ohara
 *   d1-3-moriwaka-1.pdf    (2012–)      → D1, talk 3, surname moriwaka, part 1
 *   h2-takara-4.pdf        (2018–)      → H2, surname takara, part 4
 */
import { normaliseCode } from '../codes.ts';

export interface MaterialName {
  /** Normalised program code: C3, H3. */
  code: string;
  /** The sub-talk code when the name has a talk number: H3-7. */
  subTalk?: string;
  /** Lower-case romaji surname written in the name. */
  surname?: string;
  part?: number;
  /** The year written in the name (IW2008-…), when it is. */
  year?: number;
}

const NAME = /^(?:iw(\d{4})-)?([a-z])(\d+)(?:-(\d+))?(?:-([a-z]+))?(?:-(\d+))?$/iu;

/** What a material's file name says, or null when it is named in no era's style. */
export function parseMaterialName(fileName: string): MaterialName | null {
  const base = fileName.split('/').pop() ?? fileName;
  const stem = base.replace(/\.[A-Za-z0-9]+$/u, '');
  const match = NAME.exec(stem);
  if (!match) return null;
  const [, year, letter = '', number = '', talk, surname, part] = match;
  const code = normaliseCode(`${letter}${number}`);
  if (code === null) return null;
  return {
    code,
    ...(talk === undefined ? {} : { subTalk: `${code}-${Number(talk)}` }),
    ...(surname === undefined ? {} : { surname: surname.toLowerCase() }),
    ...(part === undefined ? {} : { part: Number(part) }),
    ...(year === undefined ? {} : { year: Number(year) }),
  };
}
