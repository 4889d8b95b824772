/**
 * Detects header/footer lines repeated across the pages of a deck: lines that
 * recur on most pages at a similar position (a page number, "21 3" logo
 * fragments, "Copyright … All Rights Reserved."). Digits are folded (see
 * repeatKey) so that page numbers count as the same line.
 *
 * A line in the bottom zone (footer) must recur on at least half of the pages
 * with text; elsewhere (or when positions are unknown) on 60% of them; and
 * always on at least 3 pages, so decks of 1–2 pages keep everything.
 */
export interface PositionedLine {
  text: string;
  /** 0 (top) … 1 (bottom); absent when unknown. */
  y?: number;
}

export interface RepeatOptions {
  /** Fraction of pages for a line in the footer zone (default 0.5). */
  edgeShare?: number;
  /** Fraction of pages for a line elsewhere or without position (default 0.6). */
  bodyShare?: number;
  /** Footer zone, as a fraction of page height from the bottom (default 0.15). */
  edge?: number;
  /** Max distance in y between occurrences of one footer (default 0.05). */
  yTolerance?: number;
  /** Fewest pages with text before anything is removed (default 3). */
  minPages?: number;
}

/**
 * The key lines are compared by. Digits are folded ("3" ~ "4", "Page 3 / 40" ~
 * "Page 4 / 40") only for lines in the footer zone or lines of digits and
 * punctuation alone (page numbers), so body lines that differ by a number
 * ("スライド 1", "Step 2") are not mistaken for one repeated line.
 */
export function repeatKey(text: string, foldDigits = true): string {
  const k = text.normalize('NFKC').replace(/\s+/gu, ' ').trim().toLowerCase();
  return foldDigits || /^[\d\s\p{P}]+$/u.test(k) ? k.replace(/\d+/gu, '#') : k;
}

/** Returns, per page, which line indexes are repeated headers/footers. */
export function findRepeatedLines(
  pages: ReadonlyArray<ReadonlyArray<PositionedLine>>,
  opts: RepeatOptions = {},
): Array<Set<number>> {
  const edgeShare = opts.edgeShare ?? 0.5;
  const bodyShare = opts.bodyShare ?? 0.6;
  const edge = opts.edge ?? 0.15;
  const yTol = opts.yTolerance ?? 0.05;
  const minPages = opts.minPages ?? 3;
  const result = pages.map(() => new Set<number>());
  const withText = pages.filter((p) => p.some((l) => l.text.trim() !== '')).length;
  if (withText < minPages) return result;

  interface Occ {
    page: number;
    index: number;
    y: number | undefined;
  }
  const byKey = new Map<string, Occ[]>();
  pages.forEach((lines, page) => {
    lines.forEach((line, index) => {
      const key = repeatKey(line.text, line.y !== undefined && line.y >= 1 - edge);
      if (key === '') return;
      const list = byKey.get(key);
      const occ = { page, index, y: line.y };
      if (list) list.push(occ);
      else byKey.set(key, [occ]);
    });
  });

  for (const occs of byKey.values()) {
    const pagesHit = new Set(occs.map((o) => o.page));
    if (pagesHit.size < Math.max(minPages, Math.ceil(withText * Math.min(edgeShare, bodyShare)))) continue;
    const positioned = occs.filter((o) => o.y !== undefined);
    if (positioned.length === 0) {
      if (pagesHit.size >= Math.max(minPages, Math.ceil(withText * bodyShare))) for (const o of occs) result[o.page]?.add(o.index);
      continue;
    }
    // Cluster by y: for each occurrence as centre, those within yTol. A line may repeat at two
    // places (a page number split off both the header and the footer): each cluster counts alone.
    let remaining = positioned;
    for (;;) {
      let best: Occ[] = [];
      let bestPages = 0;
      for (const centre of remaining) {
        const cluster = remaining.filter((o) => Math.abs((o.y ?? 0) - (centre.y ?? 0)) <= yTol);
        const n = new Set(cluster.map((o) => o.page)).size;
        if (n > bestPages) {
          best = cluster;
          bestPages = n;
        }
      }
      const ys = best.map((o) => o.y ?? 0.5).sort((a, b) => a - b);
      const medianY = ys[Math.floor(ys.length / 2)] ?? 0.5;
      const atFoot = medianY >= 1 - edge;
      const need = Math.max(minPages, Math.ceil(withText * (atFoot ? edgeShare : bodyShare)));
      if (bestPages < need) break;
      for (const o of best) result[o.page]?.add(o.index);
      remaining = remaining.filter((o) => !best.includes(o));
    }
  }
  return result;
}

/** A page number glued to the start of a line: `3Copyright© 2017 …`, `5StackStorm の特徴`. */
const GLUED_NUMBER = /^(\d{1,3})(?=[^\d\s.,:/%-])(.+)$/u;

/**
 * Separates page numbers glued to a header or footer, as PowerPoint exports put the slide
 * number's text box on the same baseline (`3Copyright© 2017 NTT TechnoCross Corporation`).
 * A line is split only when its remainder recurs on at least `minPages` pages with a different
 * number (or none), so `5G の展開` or `3つの課題` on one page stay whole. The number becomes a
 * line of its own at the same position, so the repeated-line step removes both.
 */
export function splitGluedNumbers<L extends PositionedLine>(pages: ReadonlyArray<ReadonlyArray<L>>, minPages = 3): L[][] {
  const seen = new Map<string, { pages: Set<number>; numbers: Set<string> }>();
  const note = (key: string, page: number, number: string): void => {
    const entry = seen.get(key) ?? { pages: new Set<number>(), numbers: new Set<string>() };
    entry.pages.add(page);
    entry.numbers.add(number);
    seen.set(key, entry);
  };
  pages.forEach((lines, page) => {
    for (const line of lines) {
      const glued = GLUED_NUMBER.exec(line.text);
      if (glued) note(repeatKey(glued[2] ?? '', false), page, glued[1] ?? '');
      else note(repeatKey(line.text, false), page, '');
    }
  });
  const splits = (rest: string): boolean => {
    const entry = seen.get(repeatKey(rest, false));
    return entry !== undefined && entry.pages.size >= minPages && entry.numbers.size >= 2;
  };
  return pages.map((lines) =>
    lines.flatMap((line) => {
      const glued = GLUED_NUMBER.exec(line.text);
      if (!glued || !splits(glued[2] ?? '')) return [line];
      return [{ ...line, text: glued[1] ?? '' }, { ...line, text: (glued[2] ?? '').trim() }];
    }),
  );
}

/** Text-only convenience: pages as strings, lines split on \n, no positions. */
export function removeRepeatedLinesText(pages: readonly string[], opts: RepeatOptions = {}): string[] {
  const split = pages.map((p) => p.split('\n').map((text) => ({ text })));
  const drop = findRepeatedLines(split, opts);
  return split.map((lines, i) =>
    lines
      .filter((_, j) => !drop[i]?.has(j))
      .map((l) => l.text)
      .join('\n'),
  );
}
