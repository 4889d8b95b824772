/**
 * Hostile and careless content, loaded the way the build loads it (loadArchive,
 * loadVideos): links out of content/, bad bytes, huge fields, duplicate and
 * disagreeing codes. Each is a named problem, and the rest of the archive loads.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from '../src/lib/content-files.ts';
import { loadArchive } from '../src/lib/content.ts';
import { formatProblem } from '../src/lib/problems.ts';
import { TEXT_LIMITS } from '../src/lib/schema.ts';
import { loadVideos } from '../src/lib/videos/load.ts';
import { frontMatter, writeTree } from './helpers/tree.ts';

const EVENT = frontMatter('name: Internet Week 2024\nstart: 2024-11-19\nend: 2024-11-29');
const program = (code: string, extra = '', body = '概要') => frontMatter(`code: ${code}\ntitle: ${code} のプログラム\ndate: 2024-11-19\ntype: tutorial\n${extra}`, body);
const withMaterial = (code: string, file: string) => program(code, `materials:\n  - file: "${file}"`);

function setUp(files: Record<string, string | Uint8Array>) {
  const root = writeTree({ 'content/events/2024.md': EVENT, 'content/programs/2024/o1.md': withMaterial('O1', 'good.pdf'), 'content/materials/2024/good.pdf': '%PDF-1.4 good', ...files });
  return root;
}

function load(root: string) {
  const archive = loadArchive(path.join(root, 'content'), root);
  return { archive, messages: archive.problems.map(formatProblem), ids: archive.programs.map((entry) => entry.id).sort() };
}

describe('symbolic links out of content/', () => {
  it('refuses a material behind a link to a folder outside, naming the file and the link', () => {
    const root = setUp({ 'content/programs/2024/o2.md': withMaterial('O2', 'etclink/passwd'), 'outside/passwd': 'root:x:0:0' });
    symlinkSync(path.join(root, 'outside'), path.join(root, 'content/materials/2024/etclink'));
    const { archive, messages, ids } = load(root);
    expect(messages).toEqual([
      `content/programs/2024/o2.md field "materials.0.file": expected a file inside content/materials/; found a symbolic link content/materials/2024/etclink → ${path.join(root, 'outside')}, which leads outside it (to ${path.join(root, 'outside/passwd')}); refused, nothing from it is read or published`,
    ]);
    expect(ids).toEqual(['iw2024-o1', 'iw2024-o2']);
    expect(archive.programs.find((entry) => entry.id === 'iw2024-o2')?.decks).toEqual([]);
    expect(archive.programs.find((entry) => entry.id === 'iw2024-o1')?.decks.map((deck) => deck.file)).toEqual(['good.pdf']);
  });

  it('refuses a link to a PDF elsewhere, and a chain of links that ends outside', () => {
    const root = setUp({
      'content/programs/2024/o2.md': withMaterial('O2', 'elsewhere.pdf'),
      'content/programs/2024/o3.md': withMaterial('O3', 'chain.pdf'),
      'elsewhere/real.pdf': '%PDF-1.4 outside',
    });
    symlinkSync(path.join(root, 'elsewhere/real.pdf'), path.join(root, 'content/materials/2024/elsewhere.pdf'));
    // chain.pdf → step.pdf (inside) → elsewhere/real.pdf (outside)
    symlinkSync(path.join(root, 'elsewhere/real.pdf'), path.join(root, 'content/materials/2024/step.pdf'));
    symlinkSync('step.pdf', path.join(root, 'content/materials/2024/chain.pdf'));
    const { messages } = load(root);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain('content/programs/2024/o2.md field "materials.0.file": expected a file inside content/materials/; found a symbolic link content/materials/2024/elsewhere.pdf →');
    expect(messages[1]).toContain('content/programs/2024/o3.md field "materials.0.file": expected a file inside content/materials/; found a symbolic link content/materials/2024/chain.pdf → step.pdf, which leads outside it');
  });

  it('follows a link that stays inside content/materials/, and reads the real file', () => {
    const root = setUp({ 'content/programs/2024/o2.md': withMaterial('O2', 'again.pdf') });
    symlinkSync('good.pdf', path.join(root, 'content/materials/2024/again.pdf'));
    const { archive, messages } = load(root);
    expect(messages).toEqual([]);
    expect(archive.programs.find((entry) => entry.id === 'iw2024-o2')?.decks[0]?.absolutePath).toBe(path.join(root, 'content/materials/2024/good.pdf'));
  });

  it('refuses program files and folders linked from outside, and a loop of links', () => {
    const root = setUp({ 'outside/o7.md': program('O7'), 'outside-dir/o8.md': program('O8') });
    symlinkSync(path.join(root, 'outside/o7.md'), path.join(root, 'content/programs/2024/o7.md'));
    symlinkSync(path.join(root, 'outside-dir'), path.join(root, 'content/programs/2024/more'));
    symlinkSync('loop-b.md', path.join(root, 'content/programs/2024/loop-a.md'));
    symlinkSync('loop-a.md', path.join(root, 'content/programs/2024/loop-b.md'));
    const { messages, ids } = load(root);
    expect(ids).toEqual(['iw2024-o1']);
    expect(messages.map((message) => message.split(':')[0])).toEqual([
      'content/programs/2024/loop-a.md',
      'content/programs/2024/loop-b.md',
      'content/programs/2024/more',
      'content/programs/2024/o7.md',
    ]);
    expect(messages[0]).toContain('a loop of symbolic links');
    expect(messages[3]).toContain(`found a symbolic link content/programs/2024/o7.md → ${path.join(root, 'outside/o7.md')}, which leads outside it`);
  });

  it('refuses a video catalog file linked from outside', () => {
    const root = setUp({ 'outside/abcdefghijk.yaml': 'id: abcdefghijk\nplatform: youtube\nurl: https://www.youtube.com/watch?v=abcdefghijk\ntitle: x\n' });
    mkdirSync(path.join(root, 'content/videos/catalog'), { recursive: true });
    symlinkSync(path.join(root, 'outside/abcdefghijk.yaml'), path.join(root, 'content/videos/catalog/abcdefghijk.yaml'));
    const { archive } = load(root);
    const videos = loadVideos(path.join(root, 'content'), archive);
    expect(videos.videos).toEqual([]);
    expect(videos.problems.map(formatProblem)[0]).toContain('content/videos/catalog/abcdefghijk.yaml: expected a file inside content/; found a symbolic link');
  });
});

describe('bytes that are not UTF-8', () => {
  it('finds the offset of the first bad byte, and of a cut-off character', () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    expect(decodeUtf8(encode('日本語 ok'))).toEqual({ text: '日本語 ok' });
    expect(decodeUtf8(Uint8Array.from([...encode('abc'), 0xff, 0x41]))).toMatchObject({ offset: 3 });
    // 「あ」 is E3 81 82: cut after two bytes and followed by "x", the broken character starts at 2.
    expect(decodeUtf8(Uint8Array.from([0x61, 0x62, 0xe3, 0x81, 0x78]))).toMatchObject({ offset: 2 });
    expect(decodeUtf8(Uint8Array.from([...encode('あ'), 0x80]))).toMatchObject({ offset: 3 });
    expect(decodeUtf8(Uint8Array.from([0x61, 0x00, 0x62]))).toMatchObject({ offset: 1, found: 'a NUL byte (0x00)' });
  });

  it('skips a program and a catalog file with bad bytes, naming the file and byte offset; the rest loads', () => {
    const shiftJis = Uint8Array.from([...new TextEncoder().encode(program('O2').replace('O2 のプログラム', 'XX')).slice(0, 30), 0x93, 0xfa, 0x96, 0x7b, 0x0a]);
    const root = setUp({
      'content/programs/2024/o2.md': shiftJis,
      'content/videos/catalog/abcdefghijk.yaml': Uint8Array.from([...new TextEncoder().encode('id: abcdefghijk\ntitle: '), 0xc0, 0xaf, 0x0a]),
    });
    const { archive, messages, ids } = load(root);
    expect(messages).toEqual(['content/programs/2024/o2.md: expected UTF-8 text; found bytes that are not UTF-8 (0x93 0xFA 0x96 0x7B) at byte offset 30 (the file was skipped; save it as UTF-8)']);
    expect(ids).toEqual(['iw2024-o1']);
    expect(loadVideos(path.join(root, 'content'), archive).problems.map(formatProblem)).toEqual([
      'content/videos/catalog/abcdefghijk.yaml: expected UTF-8 text; found bytes that are not UTF-8 (0xC0 0xAF 0x0A) at byte offset 23 (the file was skipped; save it as UTF-8)',
    ]);
  });
});

describe('limits on text', () => {
  it('names a 5 MB title without parsing it, a too-long field and a too-long body; the rest loads', () => {
    const root = setUp({
      'content/programs/2024/o2.md': program('O2').replace('O2 のプログラム', 'x'.repeat(5 * 1024 * 1024)),
      'content/programs/2024/o3.md': program('O3', `tags: ["${'タ'.repeat(TEXT_LIMITS.field + 1)}"]`),
      'content/programs/2024/o4.md': program('O4', '', 'y'.repeat(TEXT_LIMITS.body + 1)),
      'content/programs/2024/o5.md': program('O5', `speakers:\n  - name: "${'名'.repeat(TEXT_LIMITS.field)}"`),
    });
    const { messages, ids } = load(root);
    expect(messages).toEqual([
      'content/programs/2024/o2.md: expected a content file of at most 1,000,000 bytes; found 5,242,944 bytes (skipped unread)',
      `content/programs/2024/o3.md field "tags.0": expected at most 2000 characters (this text has 2001; the entry was skipped); found "${'タ'.repeat(57)}..."`,
      'content/programs/2024/o4.md field "body": expected a body of at most 100000 characters; found 100002 characters (the file was skipped)',
    ]);
    expect(ids).toEqual(['iw2024-o1', 'iw2024-o5']);
  });
});

describe('one program, one file', () => {
  for (const order of [['O1.md', 'o01.md'], ['o01.md', 'O1.md']]) {
    it(`keeps o1.md for O1 whatever else claims it (${order.join(', ')})`, () => {
      const files = Object.fromEntries(order.map((name) => [`content/programs/2024/${name}`, program('O1').replace('O1 のプログラム', `偽物 ${name}`)]));
      const { archive, messages } = load(setUp(files));
      expect(archive.programs.map((entry) => [entry.id, entry.title, entry.decks.length])).toEqual([['iw2024-o1', 'O1 のプログラム', 1]]);
      expect(messages.sort()).toEqual([
        `content/programs/2024/O1.md field "code": duplicate program O1 in 2024: content/programs/2024/o1.md has it (its file name is the code's own, o1.md); this file was skipped`,
        `content/programs/2024/o01.md field "code": duplicate program O1 in 2024: content/programs/2024/o1.md has it (its file name is the code's own, o1.md); this file was skipped`,
      ]);
    });
  }

  it('names both when the front matter code disagrees with the file name, and publishes neither slot from it', () => {
    const { messages, ids } = load(setUp({ 'content/programs/2024/x9.md': program('X10') }));
    expect(messages).toEqual([
      'content/programs/2024/x9.md field "code": expected the code to match the file name: the file x9.md names X9, the front matter says code "X10" (X10); this file was skipped (rename the file or fix the code)',
    ]);
    expect(ids).toEqual(['iw2024-o1']);
  });
});

describe('video titles', () => {
  it('names markup in a video title and a chapter title, as for programs, and keeps the video', () => {
    const root = setUp({});
    mkdirSync(path.join(root, 'content/videos/catalog'), { recursive: true });
    writeFileSync(
      path.join(root, 'content/videos/catalog/abcdefghijk.yaml'),
      'id: abcdefghijk\nplatform: youtube\nurl: https://www.youtube.com/watch?v=abcdefghijk\ntitle: "<b>DNS</b> 入門"\nchapters:\n  - start: 0\n    title: "<script>x</script>"\n',
    );
    const { archive } = load(root);
    const videos = loadVideos(path.join(root, 'content'), archive);
    expect(videos.videos.map((video) => video.title)).toEqual(['<b>DNS</b> 入門']);
    expect(videos.problems.filter((problem) => problem.kind === 'markup').map(formatProblem)).toEqual([
      'content/videos/catalog/abcdefghijk.yaml field "title": expected plain text without HTML markup; found "<b>" (shown escaped)',
      'content/videos/catalog/abcdefghijk.yaml field "chapters.0.title": expected plain text without HTML markup; found "<script>" (shown escaped)',
    ]);
  });
});
