/**
 * Names as reference managers need them: family and given apart. A Japanese name
 * written 「馬渡将隆」 cannot be split by rule (family names have one to four
 * characters), so the split comes from what the archive knows, in this order:
 * the registry's spelling with a space, the reading with a space (when the name
 * is written in kana), the space as written (full-width 「山口　健一」 too). A name
 * none of these split stays whole — a literal — rather than being guessed.
 */
import { displayName, nameKey } from '../names.ts';

export type CitedName = { family: string; given: string } | { literal: string };

/** What the registry knows about the person (content/speakers/<id>.md), when anything. */
export interface KnownPerson {
  name: string;
  reading?: string;
  romaji?: string;
  aliases: string[];
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆]/u;
const KANA_ONLY = /^[\p{Script=Hiragana}\p{Script=Katakana}ー・ ]+$/u;

/** Written Latin names: "MAWATARI Masataka" (family in capitals) or "Anna Lindqvist" (family last). */
function splitLatin(name: string): CitedName | null {
  const parts = name.split(' ');
  if (parts.length < 2) return null;
  const capitalised = parts.filter((part) => part.length > 1 && part === part.toUpperCase() && /[A-Z]/u.test(part));
  if (capitalised.length === 1 && parts.length === 2) {
    const family = capitalised[0] ?? '';
    const given = parts.find((part) => part !== family) ?? '';
    return { family: family.charAt(0) + family.slice(1).toLowerCase(), given };
  }
  return { family: parts.at(-1) ?? '', given: parts.slice(0, -1).join(' ') };
}

/** A CJK name with exactly one space: family first. */
function splitCjk(name: string): CitedName | null {
  const parts = name.split(' ');
  if (parts.length !== 2 || !CJK.test(name)) return null;
  const [family = '', given = ''] = parts;
  return { family, given };
}

/** The name of a speaker as written on the program, split into family and given when the archive knows how. */
export function citedName(written: string, person?: KnownPerson): CitedName {
  const name = displayName(written);
  const key = nameKey(name);
  if (!CJK.test(name)) return splitLatin(name) ?? { literal: name };

  // 1. The registry: its name or an alias with a space, spelling the same characters.
  const registered = person ? [person.name, ...person.aliases].map(displayName) : [];
  for (const spelling of registered) {
    if (nameKey(spelling) !== key) continue;
    const split = splitCjk(spelling);
    if (split) return split;
  }
  // 2. The reading, for a name written in kana: 「さくら たなか」 splits 「さくらたなか」 only when the characters agree.
  const reading = person?.reading ? displayName(person.reading) : undefined;
  if (reading && KANA_ONLY.test(name) && nameKey(reading) === key) {
    const split = splitCjk(reading);
    if (split) return split;
  }
  // 3. The space as written (NFKC has turned a full-width space into an ASCII one).
  return splitCjk(name) ?? { literal: name };
}
