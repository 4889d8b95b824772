import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadArchive } from '../src/lib/content.ts';
import { formatProblem } from '../src/lib/problems.ts';
import { frontMatter, writeTree } from './helpers/tree.ts';

const EVENT = frontMatter('name: Internet Week 2024\nstart: 2024-11-19\nend: 2024-11-29');
const GOOD = frontMatter('code: O1\ntitle: 良いプログラム\ndate: 2024-11-19\ntype: tutorial', '概要');

function load(files: Record<string, string>) {
  const root = writeTree({ 'content/events/2024.md': EVENT, ...files });
  const archive = loadArchive(path.join(root, 'content'), root);
  return { archive, messages: archive.problems.map(formatProblem) };
}

describe('loading content', () => {
  it('loads a good program with id, slug and normalised code', () => {
    const { archive, messages } = load({ 'content/programs/2024/o1.md': GOOD });
    expect(messages).toEqual([]);
    expect(archive.programs.map((program) => [program.id, program.slug, program.normalisedCode])).toEqual([['iw2024-o1', 'o1', 'O1']]);
  });

  it('names the file and field, what was expected and what was found', () => {
    const { archive, messages } = load({
      'content/programs/2024/o1.md': GOOD,
      'content/programs/2024/untitled.md': frontMatter('date: 2024-11-19\ntype: tutorial'),
      'content/programs/2024/o3.md': frontMatter('code: O3\ntitle: x\ndate: 2024-13-45\ntype: tutorial'),
      'content/programs/2024/o4.md': frontMatter('code: O4\ntitle: x\ndate: 2024-11-19\ntype: workshop'),
      'content/programs/2024/o5.md': frontMatter('code: O5\ntitle: x\ndate: 2024-11-19\ntype: seminar\ntitel: typo'),
      'content/programs/2024/o6.md': frontMatter('code: O6\ntitle: x\ndate: 2024-11-19\ntype: seminar\nspeakers: 山田'),
    });
    expect(messages).toEqual([
      'content/programs/2024/o3.md field "date": expected a real date written YYYY, YYYY-MM or YYYY-MM-DD (as much as is known); found "2024-13-45"',
      'content/programs/2024/o4.md field "type": expected one of tutorial, seminar, hands-on, bof, lunch-seminar, plenary, keynote, other; found "workshop"',
      'content/programs/2024/o5.md field "titel": unknown field (a typo, or a field this content type does not have); found "typo"',
      'content/programs/2024/o6.md field "speakers": expected a list; found "山田"',
      'content/programs/2024/untitled.md field "title": expected a title, or a code or materials to name the program by; found nothing',
    ]);
    expect(archive.programs.map((program) => program.id)).toEqual(['iw2024-o1']);
  });

  it('refuses a duplicate (year, code), however the code is padded', () => {
    const { archive, messages } = load({
      'content/programs/2024/c03.md': frontMatter('code: C03\ntitle: 一つ目\ndate: 2024-11-19\ntype: tutorial'),
      'content/programs/2024/c3.md': frontMatter('code: C3\ntitle: 二つ目\ndate: 2024-11-19\ntype: tutorial'),
    });
    expect(messages).toEqual([
      'content/programs/2024/c03.md field "code": duplicate program C3 in 2024: content/programs/2024/c3.md has it (its file name is the code\'s own, c3.md); this file was skipped',
    ]);
    expect(archive.programs.map((program) => program.title)).toEqual(['二つ目']);
  });

  it('refuses a material path escaping content/, keeping the program', () => {
    const { archive, messages } = load({
      'content/programs/2024/o1.md': frontMatter('code: O1\ntitle: x\ndate: 2024-11-19\ntype: tutorial\nmaterials:\n  - file: ../../../etc/passwd'),
    });
    expect(messages).toEqual([
      'content/programs/2024/o1.md field "materials.0.file": expected a path inside content/materials/2024/; found "../../../etc/passwd", which resolves outside content/materials/ (etc/passwd)',
    ]);
    expect(archive.programs[0]?.decks).toEqual([]);
  });

  it('reports markup in a title and an abstract but keeps the program, to be shown escaped', () => {
    const { archive, messages } = load({
      'content/programs/2024/o1.md': frontMatter('code: O1\ntitle: "<script>alert(1)</script>"\ndate: 2024-11-19\ntype: tutorial', '<img src=x onerror=alert(1)>'),
    });
    expect(messages).toEqual([
      'content/programs/2024/o1.md field "title": expected plain text without HTML markup; found "<script>" (shown escaped)',
      'content/programs/2024/o1.md field "body": expected plain text without HTML markup; found "<img src=x onerror=alert(1)>" (shown escaped)',
    ]);
    expect(archive.programs[0]?.title).toBe('<script>alert(1)</script>');
  });

  it('reports broken YAML and an unquoted time as what they are', () => {
    const { messages } = load({
      'content/programs/2024/o1.md': '---\ntitle: [unclosed\n---\n',
      'content/programs/2024/o2.md': frontMatter('code: O2\ntitle: x\ndate: 2024-11-19\ntype: tutorial\ntime: 1300'),
    });
    expect(messages[0]).toMatch(/^content\/programs\/2024\/o1\.md: front matter is not valid YAML: /u);
    expect(messages[1]).toBe('content/programs/2024/o2.md field "time": expected a time span in quotes, like "13:00-15:30"; found number 1300');
  });

  it('makes one person of 馬渡 将隆, 馬渡将隆 and Masataka Mawatari through the registry', () => {
    const { archive } = load({
      'content/speakers/mawatari-masataka.md': frontMatter('name: 馬渡 将隆\nromaji: Masataka Mawatari\naliases: [馬渡将隆]'),
      'content/programs/2024/o1.md': frontMatter('code: O1\ntitle: a\ndate: 2024-11-19\ntype: tutorial\nspeakers:\n  - { name: 馬渡 将隆, affiliation: 株式会社JPIX }'),
      'content/programs/2024/o2.md': frontMatter('code: O2\ntitle: b\ndate: 2024-11-19\ntype: tutorial\nspeakers:\n  - { name: 馬渡将隆, affiliation: 別の会社 }'),
      'content/programs/2024/o3.md': frontMatter('code: O3\ntitle: c\ndate: 2024-11-19\ntype: tutorial\nspeakers:\n  - { name: MAWATARI Masataka }'),
    });
    expect(archive.programs.flatMap((program) => program.speakers.map((speaker) => speaker.speakerId))).toEqual([
      'mawatari-masataka',
      'mawatari-masataka',
      'mawatari-masataka',
    ]);
    expect(archive.people.map((person) => person.id)).toEqual(['mawatari-masataka']);
  });

  it('gives unregistered people the same id for the same name written two ways', () => {
    const { archive } = load({
      'content/programs/2024/o1.md': frontMatter('code: O1\ntitle: a\ndate: 2024-11-19\ntype: tutorial\nspeakers:\n  - { name: 山田 太郎 }'),
      'content/programs/2024/o2.md': frontMatter('code: O2\ntitle: b\ndate: 2024-11-19\ntype: tutorial\nspeakers:\n  - { name: 山田太郎 }'),
    });
    const ids = archive.programs.map((program) => program.speakers[0]?.speakerId);
    expect(ids[0]).toBe('山田太郎');
    expect(ids[1]).toBe(ids[0]);
  });

  it('gives unregistered people a readable id from the reading (passport Hepburn, as registry files are named), never a hash', () => {
    const { archive } = load({
      'content/programs/2024/o1.md': frontMatter('code: O1\ntitle: a\ndate: 2024-11-19\ntype: tutorial\nspeakers:\n  - { name: 大原 美穂, reading: おおはら みほ }\n  - { name: 佐藤 浩二, reading: さとう こうじ }\n  - { name: John Smith }'),
      'content/programs/2024/o2.md': frontMatter('code: O2\ntitle: b\ndate: 2024-11-19\ntype: tutorial\nspeakers:\n  - { name: 大原 美穂子, reading: おおはら みほ }'),
    });
    // O2 is resolved first (oldest first; O2 follows O1 only in the timetable's reverse): the second おおはら みほ keeps her written name.
    expect(archive.programs.flatMap((program) => program.speakers.map((speaker) => speaker.speakerId))).toEqual(['大原美穂', 'sato-koji', 'john-smith', 'ohara-miho']);
  });
});

describe('materials', () => {
  it('keeps two files of one name in different folders, as the 1999 proceedings and notes had', () => {
    const root = writeTree({
      'content/events/1999.md': frontMatter('name: Internet Week 99\nstart: 1999-12-14\nend: 1999-12-17'),
      'content/programs/1999/c10.md': frontMatter('code: C10\ntitle: x\ndate: 1999-12-14\ntype: tutorial\nmaterials:\n  - file: proceedings/C10.PDF\n  - file: notes/C10.PDF\n  - file: notes/C10.PDF'),
      'content/materials/1999/proceedings/C10.PDF': '%PDF-1.4',
      'content/materials/1999/notes/C10.PDF': '%PDF-1.4',
    });
    const archive = loadArchive(path.join(root, 'content'), root);
    expect(archive.programs[0]?.decks.map((deck) => [deck.file, deck.deckSlug])).toEqual([
      ['proceedings/C10.PDF', 'c10'],
      ['notes/C10.PDF', 'notes-c10'],
    ]);
    expect(archive.problems.map(formatProblem)).toEqual([
      'content/programs/1999/c10.md field "materials.2.file": the file "notes/C10.PDF" is listed twice; the second entry was skipped',
    ]);
  });
});
