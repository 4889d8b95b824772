/**
 * Legacy program and proceedings pages to program records, with a real HTML parser
 * (htmlparser2, forgiving as browsers are with unclosed tags). The shapes of the eras:
 *
 * - table (1997–2004): a row per program, the code in a cell (header cells may name the columns:
 *   番号, タイトル, 日時, 講師, 資料…);
 * - definition list (2005–2009): <dt>T11 タイトル</dt><dd>日時: …<br>講師: …<br><a href=…></dd>;
 * - sections (2011–): <h3>T3 タイトル</h3> (or <h2>/<h4>) followed by lines "日時：…", "種別：…",
 *   "講師：…", "モデレータ：…" and links to the slides, until the next heading.
 *
 * A labelled line is read with the same cell parsers as a spreadsheet; a link to a local file
 * becomes a material file, a link elsewhere a material URL.
 */
import { DomUtils, parseDocument } from 'htmlparser2';
import { normaliseCode } from '../codes.ts';
import { parseWrittenDate, parseWrittenSpeakers, parseWrittenTime, parseWrittenType, type WrittenSpeaker } from './fields.ts';
import { columnOf, type Column } from './listing.ts';
import type { ImportedProgram, ImportProblem, ProgramFields } from './model.ts';
import { normaliseRole } from '../vocabulary.ts';

type DomNode = ReturnType<typeof parseDocument>['children'][number];
type DomElement = ReturnType<typeof DomUtils.getElementsByTagName>[number];

const BLOCK = new Set(['br', 'p', 'div', 'li', 'tr', 'dd', 'dt', 'ul', 'ol', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article']);
const CODE_LEAD = /^\s*\[?([A-Za-z]\d+(?:-\d+)?)\]?(?:[\s:：.．、　]+(.*))?$/su;
const LABELS: Record<string, 'date' | 'time' | 'type' | 'room'> = {
  日時: 'date', 日付: 'date', 開催日: 'date', 時間: 'time', 種別: 'type', 形式: 'type', 会場: 'room', 場所: 'room',
};

/** Text of nodes with a line break at each block boundary. */
function linesOf(nodes: readonly DomNode[]): string[] {
  let text = '';
  const walk = (node: DomNode): void => {
    if (node.type === 'text') text += (node as unknown as { data: string }).data;
    else if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      const element = node as DomElement;
      if (element.name === 'script' || element.name === 'style') return;
      if (BLOCK.has(element.name)) text += '\n';
      element.children.forEach(walk);
      if (BLOCK.has(element.name)) text += '\n';
    }
  };
  nodes.forEach(walk);
  return text.split('\n').map((line) => line.replace(/[\s\u3000]+/gu, ' ').trim()).filter(Boolean);
}

function linksOf(nodes: readonly DomNode[]): string[] {
  return DomUtils.findAll((element) => element.name === 'a' && typeof element.attribs['href'] === 'string', nodes as DomNode[]).map((element) => element.attribs['href'] ?? '');
}

function materialOf(href: string): { url: string } | { file: string } | null {
  const trimmed = href.trim();
  if (/^https?:\/\//iu.test(trimmed)) return /\.(pdf|pptx?|key|zip)$/iu.test(trimmed) ? { url: trimmed } : null;
  if (/^(#|mailto:|javascript:)/iu.test(trimmed) || !/\.(pdf|pptx?|key|zip)$/iu.test(trimmed)) return null;
  // A relative link names a file under the year's materials; ../ and ./ are dropped, never followed out.
  const parts = decodeURI(trimmed).split('/').filter((part) => part !== '' && part !== '.' && part !== '..');
  return parts.length > 0 ? { file: parts.join('/') } : null;
}

interface Collected {
  code?: string;
  title?: string;
  lines: string[];
  links: string[];
  cells?: Map<Column, string>;
  line: number;
}

function toProgram(found: Collected, year: number, file: string, problems: ImportProblem[]): ImportedProgram | null {
  const fields: ProgramFields = {};
  const columns: Partial<Record<string, string>> = {};
  const at = (column: string, message: string): void => {
    problems.push({ file, line: found.line, column, message });
  };
  if (found.code) fields.code = found.code;
  if (found.title) fields.title = found.title;
  if (!fields.code && !fields.title) return null;
  const labelled = new Map<string, string>();
  const speakers: WrittenSpeaker[] = [];
  for (const line of found.lines) {
    const match = /^([^:：]{1,12})\s*[:：]\s*(.+)$/u.exec(line);
    if (!match) continue;
    const label = (match[1] ?? '').trim();
    const value = (match[2] ?? '').trim();
    // 講師：…, モデレータ：…, 座長：… name people and their role in the organisers' words.
    const role = normaliseRole(label);
    if (role !== undefined) {
      const parsed = parseWrittenSpeakers(value.replace(/、/gu, ';'));
      if ('error' in parsed) at(label, parsed.error);
      else speakers.push(...parsed.value.map((speaker) => (speaker.roleAsWritten !== undefined || speaker.role !== undefined ? speaker : { ...speaker, role, roleAsWritten: label })));
    } else if (LABELS[label]) labelled.set(LABELS[label], value);
  }
  for (const [column, value] of found.cells ?? []) {
    if (column === 'speakers') {
      const parsed = parseWrittenSpeakers(value.replace(/、/gu, ';'));
      if ('error' in parsed) at(column, parsed.error);
      else speakers.push(...parsed.value);
    } else if (column === 'date' || column === 'time' || column === 'type' || column === 'room') labelled.set(column, value);
  }
  let dateText = labelled.get('date') ?? '';
  let timeText = labelled.get('time') ?? '';
  const timeInDate = /\d{1,2}[:：時]\d{2}.*$/u.exec(dateText);
  if (timeInDate && timeText === '') {
    timeText = timeInDate[0];
    dateText = dateText.slice(0, timeInDate.index).trim();
  }
  if (dateText !== '') {
    const date = parseWrittenDate(dateText, year);
    if ('error' in date) {
      at('date', `${date.error} (kept as dateAsWritten)`);
      fields.dateAsWritten = dateText;
    } else {
      if (date.value.date) fields.date = date.value.date;
      if (date.value.dateAsWritten) fields.dateAsWritten = date.value.dateAsWritten;
    }
  }
  if (timeText !== '') {
    const time = parseWrittenTime(timeText);
    if ('error' in time) at('time', time.error);
    else if (time.value) fields.time = time.value;
  }
  const type = parseWrittenType(labelled.get('type') ?? '');
  if (type.type) fields.type = type.type;
  if (type.typeAsWritten) fields.typeAsWritten = type.typeAsWritten;
  if (labelled.get('room')) fields.room = labelled.get('room');
  if (speakers.length > 0) fields.speakers = speakers;
  const materials = found.links.map(materialOf).filter((material) => material !== null);
  if (materials.length > 0) fields.materials = materials.filter((material, index) => materials.findIndex((other) => JSON.stringify(other) === JSON.stringify(material)) === index);
  return { year, fields, file, line: found.line, columns };
}

/** The year a page names in its title (Internet Week 2008, IW2008), if any. */
export function yearOfPage(html: string): number | undefined {
  const document = parseDocument(html);
  const title = DomUtils.textContent(DomUtils.getElementsByTagName('title', document));
  const match = /(?:Internet\s*Week|IW)\s*'?((?:19|20)\d\d)/iu.exec(title.normalize('NFKC'));
  return match ? Number(match[1]) : undefined;
}

export function readHtmlPage(html: string, options: { file: string; year?: number }): { programs: ImportedProgram[]; problems: ImportProblem[] } {
  const { file } = options;
  const problems: ImportProblem[] = [];
  const year = options.year ?? yearOfPage(html);
  if (year === undefined) return { programs: [], problems: [{ file, message: 'expected the year: a YEAR/ folder, --year, or "Internet Week 2008" in the page title; found none' }] };
  const document = parseDocument(html, { withStartIndices: true });
  const lineAt = (element: DomElement): number => html.slice(0, element.startIndex ?? 0).split('\n').length;
  const found: Collected[] = [];

  // Tables: a row whose code cell (by header, else the first cell) holds a code.
  for (const table of DomUtils.getElementsByTagName('table', document)) {
    let header: Map<number, Column> | undefined;
    for (const row of DomUtils.getElementsByTagName('tr', table)) {
      const cells = row.children.filter((child): child is DomElement => child.type === 'tag' && (child.name === 'td' || child.name === 'th'));
      if (cells.length === 0) continue;
      if (cells.every((cell) => cell.name === 'th')) {
        header = new Map(cells.map((cell, index) => [index, columnOf(DomUtils.textContent(cell).trim())] as const).filter((entry): entry is [number, Column] => entry[1] !== undefined));
        continue;
      }
      const texts = cells.map((cell) => linesOf(cell.children).join(' '));
      const codeIndex = header ? [...header].find(([, column]) => column === 'code')?.[0] : 0;
      const codeText = texts[codeIndex ?? 0] ?? '';
      const lead = CODE_LEAD.exec(codeText);
      if (!lead || normaliseCode(lead[1] ?? '') === null) continue;
      const byColumn = new Map<Column, string>();
      header?.forEach((column, index) => byColumn.set(column, texts[index] ?? ''));
      const title = byColumn.get('title') ?? (header ? undefined : texts[1]);
      found.push({
        code: lead[1] ?? '',
        ...(title ? { title } : lead[2] ? { title: lead[2].trim() } : {}),
        lines: cells.slice(header ? 0 : 2).flatMap((cell) => linesOf(cell.children)),
        links: linksOf(cells),
        cells: byColumn,
        line: lineAt(row),
      });
    }
  }

  // Definition lists and headings: the code leads the text; the facts follow until the next one.
  for (const element of DomUtils.findAll((node) => ['dt', 'h2', 'h3', 'h4'].includes(node.name), document.children)) {
    if (DomUtils.findAll((node) => node.name === 'table', [element]).length > 0) continue;
    const text = linesOf(element.children).join(' ');
    const lead = CODE_LEAD.exec(text);
    if (!lead || normaliseCode(lead[1] ?? '') === null) continue;
    const following: DomNode[] = [];
    let next = element.nextSibling;
    while (next) {
      if (next.type === 'tag') {
        const name = (next as DomElement).name;
        if (name === element.name || (element.name === 'dt' && name === 'dt') || (/^h[1-4]$/u.test(name) && name <= element.name)) break;
      }
      following.push(next as DomNode);
      next = next.nextSibling;
    }
    found.push({ code: lead[1] ?? '', ...(lead[2]?.trim() ? { title: lead[2].trim() } : {}), lines: linesOf(following), links: [...linksOf([element]), ...linksOf(following)], line: lineAt(element) });
  }

  const programs = found.map((entry) => toProgram(entry, year, file, problems)).filter((program) => program !== null);
  if (programs.length === 0) {
    problems.push({ file, message: 'expected a program listing (table rows, <dt> or headings that start with a code such as C3 or T11); found none, so nothing was imported from this page' });
  }
  return { programs, problems };
}
