/**
 * Excerpts quote a slide as written even where it spells an HTML entity: Pagefind's raw_content
 * escapes `<` and `>` but not `&`, so `&lt;` there is either a real `<` or the four characters
 * of a slide about HTML escaping. The plain content decides which.
 */
import { describe, expect, it } from 'vitest';
import { unescapeRawContent } from '../src/lib/search/faithful.ts';

describe('unescapeRawContent', () => {
  it('keeps a literal &lt; as written and turns an escaped < back into <', () => {
    // The slide reads: write &lt; to get < (as Pagefind stores it, words split by U+200B).
    const content = 'write &lt; to get <';
    const raw = 'write\u200B &lt;\u200B to\u200B get\u200B &lt;';
    expect(unescapeRawContent(raw, content).replaceAll('\u200B', '')).toBe('write &lt; to get <');
  });

  it('keeps Pagefind\'s word separators, so word locations still count', () => {
    const raw = 'a\u200B&lt;b&gt;\u200Bc';
    expect(unescapeRawContent(raw, 'a<b>c')).toBe('a\u200B<b>\u200Bc');
  });
});
