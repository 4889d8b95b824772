/**
 * pdfgen: a small deterministic PDF writer for slide decks, test fixtures and
 * the sample archive. Same input, same bytes: no clock, no randomness, a pure-JS
 * deflate (fflate: node:zlib's output depends on the zlib build and CPU), a trailer /ID hashed from the content.
 */
export { renderDeck, scanImage, DECK_FONTS, type DeckFont, type DeckSpec, type SlideSpec } from './deck.ts';
export { PdfBuilder, Page, type BuilderOptions, type PageDamage, type Rgb, type RgbImage, type SaveOptions, type TextOptions } from './document.ts';
export { CMapFont, EmbeddedFont, StandardFont, notoSansJP, type CMapEncoding, type PdfFont, type ToUnicodeMode } from './fonts.ts';
export { KANGXI, kangxiText, garbageCodePoint } from './defects.ts';
export { wrapText, tokens } from './layout.ts';
export { rc4, standardSecurity, type EncryptOptions } from './crypto.ts';
export { encodeSjis, sjisCode } from './sjis.ts';
export { PdfWriter, type PdfInfo, type WriteOptions } from './writer.ts';
export * from './objects.ts';
export { parseDecks, DecksError, type SampleDeck } from './decks-yaml.ts';
