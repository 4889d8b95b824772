/**
 * Markdown of abstracts, overviews and bios, through markdown-it (CommonMark). Raw HTML is
 * off, so markup in content is shown as text and never runs; markdown-it refuses javascript:,
 * vbscript:, file: and data: links. Headings move one level down: the page around the Markdown
 * already has its h1 and the h2 of the section.
 */
import MarkdownIt from 'markdown-it';

const markdown = new MarkdownIt({ html: false, linkify: false, breaks: true });

markdown.core.ruler.push('demote_headings', (state) => {
  for (const token of state.tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close') {
      token.tag = `h${Math.min(Number(token.tag.slice(1)) + 1, 6)}`;
    }
  }
});

export function renderMarkdown(source: string): string {
  return markdown.render(source).trim();
}

/** The text of a Markdown body without its syntax, for excerpts, meta descriptions and search. */
export function plainText(source: string): string {
  const words: string[] = [];
  for (const block of markdown.parse(source, {})) {
    for (const token of block.children ?? []) {
      if (token.type === 'text' || token.type === 'code_inline') words.push(token.content);
      else if (token.type === 'softbreak' || token.type === 'hardbreak') words.push(' ');
    }
    if (block.type.endsWith('_close')) words.push(' ');
  }
  return words.join('').replace(/\s+/gu, ' ').trim();
}
