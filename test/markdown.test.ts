import { describe, expect, it } from 'vitest';
import { plainText, renderMarkdown } from '../src/lib/markdown.ts';

describe('renderMarkdown', () => {
  it('renders paragraphs with line breaks, lists, bold, code and http links', () => {
    const html = renderMarkdown('一段落目\n続き\n\n- **RPKI** の話\n- `bgpd` の設定\n\n[資料](https://www.nic.ad.jp/ja/)');
    expect(html).toBe(
      '<p>一段落目<br>\n続き</p>\n<ul>\n<li><strong>RPKI</strong> の話</li>\n<li><code>bgpd</code> の設定</li>\n</ul>\n<p><a href="https://www.nic.ad.jp/ja/">資料</a></p>',
    );
  });

  it('keeps numbered lists and headings, one level below the page section', () => {
    const html = renderMarkdown('## 内容\n\n1. 経路制御\n2. RPKI\n\n### 対象');
    expect(html).toContain('<h3>内容</h3>');
    expect(html).toContain('<ol>\n<li>経路制御</li>\n<li>RPKI</li>\n</ol>');
    expect(html).toContain('<h4>対象</h4>');
  });

  it('shows raw HTML as text, so nothing in an abstract can run', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>');
    expect(html).not.toMatch(/<script|<img/u);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('does not turn javascript: or data: links into links', () => {
    expect(renderMarkdown('[x](javascript:alert(1))')).not.toContain('<a ');
    expect(renderMarkdown('[x](data:text/html,<b>1</b>)')).not.toContain('<a ');
  });
});

describe('plainText', () => {
  it('drops syntax and keeps raw tags out of the words', () => {
    expect(plainText('**太字** と [リンク](https://a.example/)\n\n- 項目1\n- 項目2\n\n## 見出し')).toBe('太字 と リンク 項目1 項目2 見出し');
  });
});
