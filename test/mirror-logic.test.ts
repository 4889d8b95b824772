import { describe, expect, it } from 'vitest';
import { headerPolicy } from '../src/lib/mirror/csp.ts';
import { apacheRedirects, findOldLink, nginxRedirects, oldLinkTable, type ExportForOldLinks } from '../src/lib/mirror/old-links.ts';
import { compareFiles, newestContentDate, packageName, parseSha256sums, sha256sums } from '../src/lib/mirror/package.ts';

const data: ExportForOldLinks = {
  events: [{ year: 2024, url: 'https://internetweek.jp/2024/' }, { year: 1999, url: null }],
  programs: [
    {
      year: 1999,
      url: '/1999/c3/',
      materials: [
        { file: '/materials/1999/proceedings/C03.PDF', page: '/1999/c3/c03/', originalUrl: 'https://www.nic.ad.jp/ja/materials/iw/1999/proceedings/C03.PDF' },
        { file: '/materials/1999/notes/C3.PDF', page: '/1999/c3/c3/', originalUrl: null },
      ],
    },
    { year: 1999, url: '/1999/c14/', materials: [{ file: '/materials/1999/proceedings/C14.PDF', page: '/1999/c14/c14/' }] },
    { year: 2012, url: '/2012/t3/', materials: [{ file: '/materials/2012/t03/t3-ohara.pdf', page: '/2012/t3/t3-ohara/' }] },
    { year: 2024, url: '/2024/o1/', materials: [{ url: 'https://speakerdeck.com/x/y' }] },
  ],
};

describe('old links', () => {
  const table = oldLinkTable(data);

  it('finds the page of an old material URL however it is pasted', () => {
    for (const pasted of [
      'https://www.nic.ad.jp/ja/materials/iw/1999/proceedings/C03.PDF',
      'http://nic.ad.jp/ja/materials/iw/1999/proceedings/c03.pdf',
      'www.nic.ad.jp/ja/materials/iw/1999/proceedings/C03.PDF?download=1#page=2',
      '  https://www.nic.ad.jp/ja/materials/iw/1999/proceedings/C03%2EPDF ',
    ]) {
      expect(findOldLink(table, pasted)?.page).toBe('/1999/c3/c03/');
    }
  });

  it('maps a material without originalUrl by the official folder of its year, and a year by its event URL', () => {
    expect(findOldLink(table, 'https://www.nic.ad.jp/ja/materials/iw/1999/notes/C3.PDF')).toMatchObject({ page: '/1999/c3/c3/', source: 'official-folder' });
    expect(findOldLink(table, 'https://internetweek.jp/2024/index.html')).toMatchObject({ page: '/2024/', source: 'event-url' });
    expect(findOldLink(table, 'https://www.nic.ad.jp/ja/materials/iw/1999/proceedings/C99.PDF')).toBeNull();
    // Folders: one program's folder → its page; a folder of several programs, or the year's → the year page.
    expect(findOldLink(table, 'https://www.nic.ad.jp/ja/materials/iw/2012/t03/')?.page).toBe('/2012/t3/');
    expect(findOldLink(table, 'https://www.nic.ad.jp/ja/materials/iw/2012/')?.page).toBe('/2012/');
    expect(findOldLink(table, 'https://www.nic.ad.jp/ja/materials/iw/1999/proceedings/')?.page).toBe('/1999/');
    expect(findOldLink(table, 'https://www.nic.ad.jp/ja/materials/iw/1999/notes/')?.page).toBe('/1999/c3/');
    expect(table.some((link) => link.old.includes('speakerdeck'))).toBe(false);
  });

  it('publishes the table as nginx and Apache redirects to the archive', () => {
    const nginx = nginxRedirects(table, 'https://archive.example.org/iw/');
    expect(nginx).toContain('location = /ja/materials/iw/1999/proceedings/C03.PDF { return 301 https://archive.example.org/iw/1999/c3/c03/; }');
    expect(nginx).toContain('# ---- internetweek.jp ----\nlocation = /2024/ { return 301 https://archive.example.org/iw/2024/; }');
    const apache = apacheRedirects(table, '/iw/');
    expect(apache).toContain('RedirectMatch 301 "^/ja/materials/iw/1999/notes/C3\\.PDF$" "/iw/1999/c3/c3/"');
  });
});

describe('content security policy header', () => {
  it('allows the inline code of every page and adds what only a header can carry', () => {
    const header = headerPolicy([
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-a'; style-src 'self' 'sha256-s1'",
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-a' 'sha256-b'; style-src 'self' 'sha256-s2'",
    ]);
    expect(header).toBe("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-a' 'sha256-b'; style-src 'self' 'sha256-s1' 'sha256-s2'; frame-ancestors 'self'");
  });
});

describe('package manifest', () => {
  it('is named by the newest content date', () => {
    expect(newestContentDate({ events: [{ year: 2024, start: '2024-11-19', end: '2024-11-27' }], programs: [{ id: 'a', url: '/', date: '2024-11-20', materials: [] }] })).toBe('2024-11-27');
    expect(packageName('2024-11-27')).toBe('iw-archive-20241127');
    expect(() => packageName('2024/11/27')).toThrow('expected YYYY-MM-DD');
  });

  it('writes SHA256SUMS that sha256sum reads back, in byte order', () => {
    const files = [{ path: 'site/b', bytes: 1, sha256: 'b'.repeat(64) }, { path: 'site/B', bytes: 1, sha256: 'c'.repeat(64) }];
    const text = sha256sums(files);
    expect(text.split('\n')[0]).toBe(`${'c'.repeat(64)}  site/B`);
    expect(parseSha256sums(text).get('site/b')).toBe('b'.repeat(64));
    expect(() => parseSha256sums('nonsense\n', 'X/SHA256SUMS')).toThrow('X/SHA256SUMS line 1: expected "<sha256>  <path>"');
  });

  it('tells missing, changed and extra files apart', () => {
    const listed = [{ path: 'a', bytes: 1, sha256: 'x' }, { path: 'b', bytes: 1, sha256: 'y' }, { path: 'c', bytes: 1, sha256: 'z' }];
    const actual = new Map([
      ['a', () => ({ bytes: 1, sha256: 'x' })],
      ['b', () => ({ bytes: 2, sha256: 'y2' })],
      ['d', () => ({ bytes: 1, sha256: 'w' })],
    ]);
    expect(compareFiles(listed, actual)).toEqual({ ok: 1, missing: ['c'], changed: ['b'], extra: ['d'] });
  });
});
