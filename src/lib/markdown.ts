/**
 * A small Markdown subset for abstracts, overviews and bios: paragraphs, line
 * breaks, "-" lists, **bold**, `code` and [links](https://…). Everything is
 * escaped first, so raw HTML in content is shown as text and never runs.
 */

export function escapeHtml(text: string): string {
  return text
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/"/gu, '&quot;')
    .replace(/'/gu, '&#39;');
}

function inline(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/gu, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/gu, '<strong>$1</strong>')
    .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/gu, '<a href="$2">$1</a>');
}

export function renderMarkdown(source: string): string {
  const blocks = source.replace(/\r\n?/gu, '\n').trim().split(/\n{2,}/u);
  return blocks
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      if (lines.every((line) => /^\s*[-*]\s+/u.test(line))) {
        const items = lines.map((line) => `<li>${inline(line.replace(/^\s*[-*]\s+/u, ''))}</li>`);
        return `<ul>${items.join('')}</ul>`;
      }
      const heading = /^(#{2,4})\s+(.+)$/u.exec(block);
      if (heading && lines.length === 1) {
        const level = Math.min((heading[1] ?? '').length + 1, 5);
        return `<h${level}>${inline(heading[2] ?? '')}</h${level}>`;
      }
      return `<p>${lines.map(inline).join('<br>')}</p>`;
    })
    .join('\n');
}

/** The text of a Markdown body without its syntax, for excerpts, meta descriptions and search. */
export function plainText(source: string): string {
  return source
    .replace(/<[^>]*>/gu, ' ')
    .replace(/\[([^\]]+)\]\([^)]*\)/gu, '$1')
    .replace(/[*`#]+/gu, '')
    .replace(/^\s*[-*]\s+/gmu, '')
    .replace(/\s+/gu, ' ')
    .trim();
}
