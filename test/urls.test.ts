import { describe, expect, it } from 'vitest';
import { relativeUrl, routeFile, routes, sitePath } from '../src/lib/urls.ts';

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

describe('URLs made from file names', () => {
  it.each([
    ['a#b.pdf', '/materials/2024/a%23b.pdf'],
    ['q?x=1.pdf', '/materials/2024/q%3Fx%3D1.pdf'],
    ['talk%20v2.pdf', '/materials/2024/talk%2520v2.pdf'],
    ['with space.pdf', '/materials/2024/with%20space.pdf'],
    ['発表資料.pdf', '/materials/2024/%E7%99%BA%E8%A1%A8%E8%B3%87%E6%96%99.pdf'],
    ['notes/C3.PDF', '/materials/2024/notes/C3.PDF'],
  ])('%s is percent-encoded as %s, and names the file back', (file, route) => {
    expect(routes.material(2024, file)).toBe(route);
    expect(routeFile(route)).toBe(`materials/2024/${file}`);
    // A #page=N link still points at the file: the fragment is the only "#" left.
    const href = new URL(relativeUrl('/2024/o1/d/', `${route}#page=3`), 'https://example.org/2024/o1/d/');
    expect([decodeURIComponent(href.pathname), href.hash]).toEqual([`/materials/2024/${file}`, '#page=3']);
  });
});
