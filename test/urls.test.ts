import { describe, expect, it } from 'vitest';
import { relativeUrl, routes, sitePath } from '../src/lib/urls.ts';

describe('relativeUrl', () => {
  it.each([
    ['/', routes.year(2024), '2024/index.html'],
    ['/2024/', routes.program(2024, 'o1'), 'o1/index.html'],
    ['/2024/o1/', routes.year(2024), '../index.html'],
    ['/2024/o1/', routes.speaker('masataka-mawatari'), '../../speakers/masataka-mawatari/index.html'],
    ['/2024/o1/o1-mawatari/', routes.material(2024, 'o1/o1-mawatari.pdf') + '#page=12', '../../../materials/2024/o1/o1-mawatari.pdf#page=12'],
    ['/2024/o1/', '/2024/o1/#p3', 'index.html#p3'],
    ['/', '/', 'index.html'],
    ['/speakers/', '/', '../index.html'],
    ['/404.html', routes.speakers(), 'speakers/index.html'],
    ['/2024/', routes.data('archive.json'), '../data/archive.json'],
  ])('from %s to %s is %s', (from, to, expected) => {
    expect(relativeUrl(from, to)).toBe(expected);
  });

  it('resolves back to the target under any base path', () => {
    for (const base of ['https://example.org/', 'https://example.org/archive/iw/']) {
      for (const [from, to] of [['/2024/o1/', '/speakers/x/'], ['/', '/2024/'], ['/2024/o1/d/', '/thumbs/a.webp']] as const) {
        const page = new URL(from.slice(1), base);
        const target = new URL(to.slice(1), base).href;
        expect(new URL(relativeUrl(from, to), page).href).toBe(to.endsWith('/') ? `${target}index.html` : target);
      }
    }
  });

  it('names index.html for every folder route, so a mirror opened from disk never shows a folder listing', () => {
    for (const to of [routes.home(), routes.year(1997), routes.program(2024, 'o1'), routes.deck(2024, 'o1', 'o1-x'), routes.speakers(), routes.search()]) {
      expect(relativeUrl('/2024/o1/', to)).toMatch(/index\.html$/u);
    }
  });
});

describe('sitePath', () => {
  it('strips the base', () => {
    expect(sitePath('/archive/iw/2024/o1/', '/archive/iw/')).toBe('/2024/o1/');
    expect(sitePath('/archive/iw/2024/o1/', '/archive/iw')).toBe('/2024/o1/');
    expect(sitePath('/2024/', '/')).toBe('/2024/');
  });
});
