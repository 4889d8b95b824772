/**
 * The archive's shape at a glance, as static SVG made at build time (no client
 * JavaScript): programs per year by type, slide pages per year, and the share of
 * decks with text, of decks that need OCR and of programs with a video. Every
 * chart carries <title> and <desc> and comes with the same numbers as a table.
 */
import type { Program } from '../content.ts';
import { deckKey, type SiteDecks } from '../decks.ts';
import { PROGRAM_TYPES, type ProgramType } from '../schema.ts';

export interface ChartTable {
  caption: string;
  headers: string[];
  rows: (string | number)[][];
}

export interface Chart {
  id: string;
  title: string;
  /** A sentence saying what the chart shows, for <desc> and the figure caption. */
  summary: string;
  svg: string;
  table: ChartTable;
}

const TYPE_COLOURS: Record<ProgramType, string> = {
  tutorial: '#1f6feb',
  seminar: '#2da44e',
  'hands-on': '#bf8700',
  bof: '#8250df',
  'lunch-seminar': '#cf222e',
  plenary: '#0a3069',
  keynote: '#953800',
  other: '#6e7781',
};

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

function svgFrame(id: string, width: number, height: number, title: string, summary: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc" class="chart" font-family="sans-serif" font-size="12">`,
    `<title id="${id}-title">${escapeXml(title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(summary)}</desc>`,
    ...body,
    '</svg>',
  ].join('');
}

const round = (value: number) => Math.round(value * 10) / 10;

/** Vertical bars per year, stacked by program type. */
export function programsByTypeChart(programs: readonly Program[], labels: Record<ProgramType, string>): Chart {
  const years = [...new Set(programs.map((program) => program.year))].sort((a, b) => a - b);
  const types = PROGRAM_TYPES.filter((type) => programs.some((program) => program.type === type));
  const counts = years.map((year) => types.map((type) => programs.filter((program) => program.year === year && program.type === type).length));
  const max = Math.max(1, ...counts.map((row) => row.reduce((a, b) => a + b, 0)));
  const barWidth = 28;
  const gap = 12;
  const left = 36;
  const plotHeight = 160;
  const top = 12;
  const width = Math.max(left + years.length * (barWidth + gap) + 10, left + 4 * 150);
  const legendTop = top + plotHeight + 34;
  const height = legendTop + Math.ceil(types.length / 4) * 18 + 6;
  const body: string[] = [];
  body.push(`<line x1="${left}" y1="${top + plotHeight}" x2="${width - 6}" y2="${top + plotHeight}" stroke="#57606a"/>`);
  body.push(`<text x="${left - 6}" y="${top + 4}" text-anchor="end">${max}</text><text x="${left - 6}" y="${top + plotHeight}" text-anchor="end">0</text>`);
  years.forEach((year, index) => {
    const x = left + gap / 2 + index * (barWidth + gap);
    let y = top + plotHeight;
    types.forEach((type, typeIndex) => {
      const count = counts[index]?.[typeIndex] ?? 0;
      if (count === 0) return;
      const h = round((count / max) * plotHeight);
      y = round(y - h);
      body.push(`<rect x="${x}" y="${y}" width="${barWidth}" height="${h}" fill="${TYPE_COLOURS[type]}"><title>${year} ${escapeXml(labels[type])}: ${count}</title></rect>`);
    });
    body.push(`<text x="${x + barWidth / 2}" y="${top + plotHeight + 14}" text-anchor="middle">${year}</text>`);
  });
  types.forEach((type, index) => {
    const x = left + (index % 4) * 150;
    const y = legendTop + Math.floor(index / 4) * 18;
    body.push(`<rect x="${x}" y="${y - 10}" width="10" height="10" fill="${TYPE_COLOURS[type]}"/><text x="${x + 14}" y="${y}">${escapeXml(labels[type])}</text>`);
  });
  const title = '年ごとのプログラム数（種別ごと）';
  const totals = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const busiest = years[totals.indexOf(Math.max(...totals))];
  const byType = types.map((type, index) => `${labels[type]} ${counts.reduce((sum, row) => sum + (row[index] ?? 0), 0)}件`).join('、');
  const summary =
    years.length === 1
      ? `${years[0] ?? ''}年の収録プログラム ${totals[0] ?? 0} 件を種別ごとに積み上げた棒グラフ（${byType}）。`
      : `${years[0] ?? ''}年から${years.at(-1) ?? ''}年までの収録プログラム数を種別ごとに積み上げた棒グラフ。最も多いのは${busiest ?? ''}年の${Math.max(0, ...totals)}件。`;
  return {
    id: 'chart-programs',
    title,
    summary,
    svg: svgFrame('chart-programs', width, height, title, summary, body),
    table: { caption: title, headers: ['年', ...types.map((type) => labels[type]), '計'], rows: years.map((year, index) => [year, ...(counts[index] ?? []), totals[index] ?? 0]) },
  };
}

/** Horizontal bars: one labelled value per row. */
function horizontalBars(id: string, title: string, summary: string, rows: { label: string; value: number; text: string }[], max: number, colour: string): string {
  const left = 150;
  const barMax = 360;
  const rowHeight = 22;
  const body = rows.map((row, index) => {
    const y = 8 + index * rowHeight;
    const w = max > 0 ? round((row.value / max) * barMax) : 0;
    return `<text x="${left - 8}" y="${y + 13}" text-anchor="end">${escapeXml(row.label)}</text><rect x="${left}" y="${y + 2}" width="${w}" height="14" fill="${colour}"/><text x="${left + w + 6}" y="${y + 13}">${escapeXml(row.text)}</text>`;
  });
  return svgFrame(id, left + barMax + 150, 12 + rows.length * rowHeight, title, summary, body);
}

/** Slide pages (extracted from the decks) per year. */
export function slidesPerYearChart(programs: readonly Program[], decks: SiteDecks): Chart {
  const years = [...new Set(programs.map((program) => program.year))].sort((a, b) => a - b);
  const pages = years.map((year) =>
    programs.filter((program) => program.year === year).reduce((sum, program) => sum + program.decks.reduce((n, deck) => n + (decks[deckKey(program.id, deck.deckSlug)]?.pageCount ?? 0), 0), 0),
  );
  const deckCounts = years.map((year) => programs.filter((program) => program.year === year).reduce((sum, program) => sum + program.decks.length, 0));
  const title = '年ごとのスライド枚数';
  const total = pages.reduce((a, b) => a + b, 0);
  const summary = `収録した講演資料のスライドは全 ${total} 枚。年ごとの枚数を横棒で示す。`;
  const rows = years.map((year, index) => ({ label: String(year), value: pages[index] ?? 0, text: `${pages[index] ?? 0} 枚（資料 ${deckCounts[index] ?? 0} 件）` }));
  return {
    id: 'chart-slides',
    title,
    summary,
    svg: horizontalBars('chart-slides', title, summary, rows, Math.max(1, ...pages), '#1f6feb'),
    table: { caption: title, headers: ['年', 'スライド枚数', '資料数'], rows: years.map((year, index) => [year, pages[index] ?? 0, deckCounts[index] ?? 0]) },
  };
}

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 100));

/** Share of decks whose text was extracted, of decks that need OCR (no text layer), and of programs with a video. */
export function coverageChart(programs: readonly Program[], decks: SiteDecks, programsWithVideo: ReadonlySet<string>, idSuffix = ''): Chart {
  const all = programs.flatMap((program) => program.decks.map((deck) => decks[deckKey(program.id, deck.deckSlug)]));
  const withText = all.filter((deck) => deck && deck.pagesWithText > 0).length;
  const needsOcr = all.filter((deck) => deck?.outcome === 'no-text-layer').length;
  const withVideo = programs.filter((program) => program.videos.length > 0 || programsWithVideo.has(program.id)).length;
  const rows = [
    { label: 'テキストのある資料', value: percent(withText, all.length), text: `${percent(withText, all.length)}%（${withText}/${all.length}）` },
    { label: 'OCR が必要な資料', value: percent(needsOcr, all.length), text: `${percent(needsOcr, all.length)}%（${needsOcr}/${all.length}）` },
    { label: '動画のあるプログラム', value: percent(withVideo, programs.length), text: `${percent(withVideo, programs.length)}%（${withVideo}/${programs.length}）` },
  ];
  const id = `chart-coverage${idSuffix}`;
  const title = '資料のテキスト・OCR・動画の割合';
  const summary = rows.map((row) => `${row.label} ${row.text}`).join('。') + '。';
  return {
    id,
    title,
    summary,
    svg: horizontalBars(id, title, summary, rows, 100, '#2da44e'),
    table: { caption: title, headers: ['項目', '割合 (%)', '件数'], rows: rows.map((row) => [row.label, row.value, row.text.replace(/^.*（|）$/gu, '')]) },
  };
}
