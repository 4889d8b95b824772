import { describe, expect, it } from 'vitest';
import { plainText, renderMarkdown } from '../src/lib/markdown.ts';

describe('renderMarkdown', () => {
  it('renders paragraphs, lists, bold, code and http links', () => {
    const html = renderMarkdown('一段落目\n続き\n\n- **RPKI** の話\n- `bgpd` の設定\n\n[資料](https://www.nic.ad.jp/ja/)');
    expect(html).toBe(
      '<p>一段落目<br>続き</p>\n<ul><li><strong>RPKI</strong> の話</li><li><code>bgpd</code> の設定</li></ul>\n<p><a href="https://www.nic.ad.jp/ja/">資料</a></p>',
    );
  });

  it('shows raw HTML as text, so nothing in an abstract can run', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>');
    expect(html).not.toMatch(/<script|<img/u);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('does not turn javascript: links into links', () => {
    expect(renderMarkdown('[x](javascript:alert(1))')).not.toContain('<a ');
  });
});

describe('plainText', () => {
  it('drops syntax and tags', () => {
    expect(plainText('**太字** と [リンク](https://a.example/) <b>x</b>')).toBe('太字 と リンク x');
  });
});
