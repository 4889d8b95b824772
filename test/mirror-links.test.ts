import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkLinks } from '../scripts/mirror/links.ts';
import { writeTree } from './helpers/tree.ts';

const script = 'console.log(1)';
const allowed = `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
const page = (body: string, policy = `default-src 'self'; script-src 'self' ${allowed}`) =>
  `<!doctype html><html><head><meta http-equiv="content-security-policy" content="${policy}"></head><body>${body}</body></html>`;

describe('link check of a built site', () => {
  const root = writeTree({
    'index.html': page(
      [
        '<a href="2024/index.html#p2">ok</a>',
        '<a href="2024/">folder</a>',
        '<a href="2024/index.html#p9">missing anchor</a>',
        '<a href="/2024/index.html">absolute</a>',
        '<img src="thumbs/none.webp" alt="">',
        '<a href="https://example.org/">external</a>',
        `<script>${script}</script>`,
        '<script>alert(2)</script>',
        '<script type="application/ld+json">{"@type":"Event"}</script>',
        '<svg><rect style="fill:red" /></svg><button onclick="go()">go</button>',
      ].join('\n'),
    ),
    '2024/index.html': page('<h2 id="p2">two</h2><a href="../index.html">home</a><a href="../materials/a%20b.pdf">pdf</a>'),
    'materials/a b.pdf': '%PDF-1.4',
  });

  it('finds folder links, missing anchors and files, absolute paths, and inline code the CSP would block (not data blocks)', () => {
    const report = checkLinks(root);
    expect(report.broken.map(({ href, reason }) => `${href} → ${reason.split(':')[0]}`)).toEqual([
      '2024/ → links to a folder',
      '2024/index.html#p9 → no element with id "p9"',
      '/2024/index.html → absolute path',
      'thumbs/none.webp → no such file',
      '<rect style> → inline attribute blocked by the Content-Security-Policy',
      '<button onclick> → inline attribute blocked by the Content-Security-Policy',
      expect.stringMatching(/^<script> 'sha256-.+' → inline content not allowed by the page's Content-Security-Policy/u),
    ]);
    expect(report.external).toEqual([{ page: 'index.html', href: 'https://example.org/' }]);
    expect(report.checked).toBe(6);
  });
});
