import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadArchive } from '../src/lib/content.ts';
import { loadVideos } from '../src/lib/videos/load.ts';
import { main } from '../scripts/import/videos.ts';
import { runCli } from './helpers/cli.ts';

const ROOT = path.join(import.meta.dirname, '..');
const SCRIPT = path.join(ROOT, 'scripts', 'import', 'videos.ts');
const SAMPLES = path.join(ROOT, 'scripts', 'tools', 'sample', 'videos');
const SAMPLE_FILES = ['playlist-items.json', 'videos.json', 'yt-dlp-video.json', 'yt-dlp-playlist-flat.json', 'videos.csv'];

let work: string;
let content: string;

/** `npm run import:videos` in-process (its main, run from the work folder): what it printed and its exit code. */
async function run(...args: string[]): Promise<{ out: string; status: number }> {
  const result = await runCli(main, [...args, '--content', content], { cwd: work });
  return { out: `${result.stdout}${result.stderr}`, status: result.status };
}

/** The same as a child process, for what only the real process shows: its exit code. */
function spawnRun(...args: string[]): { out: string; status: number } {
  try {
    return { out: execFileSync(process.execPath, [SCRIPT, ...args, '--content', content], { encoding: 'utf8', cwd: work }), status: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; status: number };
    return { out: `${failed.stdout}${failed.stderr}`, status: failed.status };
  }
}

function snapshot(): Record<string, string> {
  const dir = path.join(content, 'videos');
  const files: Record<string, string> = {};
  if (!existsSync(dir)) return files;
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const absolute = path.join(dir, name);
    if (name.endsWith('.yaml')) files[name] = readFileSync(absolute, 'utf8');
  }
  return files;
}

beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'iw-videos-'));
  content = path.join(work, 'content');
  cpSync(path.join(ROOT, 'test', 'fixtures', 'videos', 'content'), content, { recursive: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('npm run import:videos', () => {
  it('imports every sample format; importing again changes nothing', async () => {
    for (const file of SAMPLE_FILES) expect((await run(path.join(SAMPLES, file))).status).toBe(0);
    const first = snapshot();
    expect(Object.keys(first).filter((name) => name.startsWith('catalog')).length).toBe(13);
    for (const file of SAMPLE_FILES) {
      const { out } = await run(path.join(SAMPLES, file));
      expect(out).toMatch(/ 0 added, 0 updated, \d+ unchanged/u);
      expect(out).not.toMatch(/write .*review\.yaml/u);
    }
    expect(snapshot()).toEqual(first);
  });

  it('merges what each export knows: titles from the playlist, durations from videos.list, chapters from the description', async () => {
    await run(path.join(SAMPLES, 'playlist-items.json'));
    await run(path.join(SAMPLES, 'videos.json'));
    const catalog = readFileSync(path.join(content, 'videos', 'catalog', 'sampleDNS01.yaml'), 'utf8');
    expect(catalog).toMatch(/^title: DNSの基礎/mu);
    expect(catalog).toMatch(/^duration: 3852$/mu);
    expect(catalog).toMatch(/^series: basic-ondemand$/mu);
    expect(catalog).toMatch(/- start: 135\n {4}title: DNSとは何か/u);
    // The flat playlist has no descriptions: the one from the API stays.
    await run(path.join(SAMPLES, 'yt-dlp-playlist-flat.json'));
    expect(readFileSync(path.join(content, 'videos', 'catalog', 'sampleDNS01.yaml'), 'utf8')).toBe(catalog);
  });

  it("never overwrites a person's mapping; --accept and --reject write one entry each", async () => {
    const linksFile = path.join(content, 'videos', 'links.yaml');
    await run(path.join(SAMPLES, 'playlist-items.json'));
    const mine = '# my notes stay\nsampleIP6v1: { year: 2018, code: S10, note: 大原さんの講演 }\n';
    writeFileSync(linksFile, mine);
    await run(path.join(SAMPLES, 'playlist-items.json'));
    await run(path.join(SAMPLES, 'videos.csv'));
    expect(readFileSync(linksFile, 'utf8')).toBe(mine);

    const review = readFileSync(path.join(content, 'videos', 'review.yaml'), 'utf8');
    expect(review).toMatch(/- video: sampleTRF24\n.*\n.*\n {2}suggestions:\n {4}- program: iw2024-o1/u);
    expect(review).not.toMatch(/video: sampleIP6v1/u);

    const dry = await run('--accept', 'sampleTRF24', '--dry-run');
    expect(dry.out).toMatch(/would set content\/videos\/links\.yaml: sampleTRF24: \{ year: 2024, code: O1 \}/u);
    expect(readFileSync(linksFile, 'utf8')).toBe(mine);

    await run('--accept', 'sampleTRF24');
    await run('--reject', 'sampleDNS01');
    expect(readFileSync(linksFile, 'utf8')).toBe(`${mine}sampleTRF24: { year: 2024, code: O1 }\nsampleDNS01: none\n`);
    const after = readFileSync(path.join(content, 'videos', 'review.yaml'), 'utf8');
    expect(after).not.toMatch(/video: sampleTRF24|video: sampleDNS01/u);

    const videos = loadVideos(content, loadArchive(content));
    const byId = new Map(videos.videos.map((found) => [found.id, found]));
    expect(byId.get('sampleIP6v1')?.program).toMatchObject({ programId: 'iw2018-s10', source: 'links' });
    expect(byId.get('sampleDNS01')).toMatchObject({ unlinkedOnPurpose: true });
    // sampleOPS24 says IW2024 O1 in its title and sampleTRF24 was accepted for O1: one slot, two videos.
    expect(videos.problems).toContainEqual(expect.objectContaining({ kind: 'duplicate', message: expect.stringMatching(/sampleTRF24 and video sampleOPS24 both claim iw2024-o1/u) }));
  });

  it('--dry-run prints what would change and writes nothing', async () => {
    const { out, status } = await run(path.join(SAMPLES, 'videos.csv'), '--dry-run');
    expect(status).toBe(0);
    expect(out).toMatch(/would add content\/videos\/catalog\/sampleOPS24\.yaml/u);
    expect(out).toMatch(/dry run, nothing written\. catalog: 8 video\(s\); 8 added/u);
    expect(existsSync(path.join(content, 'videos'))).toBe(false);
  });

  it('fails on an unknown format or a missing file, and says why', async () => {
    const bad = path.join(work, 'bad.json');
    writeFileSync(bad, '{"items": [ {"id": 1,} ]}');
    // A child process: the exit code is the real process's.
    const result = spawnRun(bad);
    expect(result.status).toBe(1);
    expect(result.out).toMatch(/bad\.json: expected valid JSON; the parser says: .*line 1 column 22/u);
    expect((await run(path.join(work, 'nothing.json'))).out).toMatch(/nothing\.json: expected an export file; found nothing at this path/u);
    expect((await run('--accept', 'nope')).status).toBe(1);
  });

  it('reports duplicate ids in one export and merges them', async () => {
    const csv = path.join(work, 'dup.csv');
    writeFileSync(csv, 'id,title,duration\nsampleDNS01,DNS,60\nsampleDNS01,DNS,\n');
    const { out } = await run(csv);
    expect(out).toMatch(/dup\.csv field "row 2 \(line 3\)": duplicate id sampleDNS01: row 1 \(line 2\) has it too; merged into one catalog entry/u);
    expect(readFileSync(path.join(content, 'videos', 'catalog', 'sampleDNS01.yaml'), 'utf8')).toMatch(/^duration: 60$/mu);
  });
});

describe('loadVideos', () => {
  it('gives program ids, chapters with timestamped links and privacy-safe embeds; bad files are problems', async () => {
    await run(path.join(SAMPLES, 'yt-dlp-video.json'));
    await run(path.join(SAMPLES, 'videos.csv'));
    writeFileSync(path.join(content, 'videos', 'catalog', 'brokenbroke.yaml'), 'id: brokenbroke\nplatform: youtube\nurl: nope\ntitle: 壊れた\n');
    writeFileSync(path.join(content, 'videos', 'catalog', 'badyaml0000.yaml'), 'id: [unclosed\n');
    writeFileSync(path.join(content, 'videos', 'links.yaml'), 'sampleRT19a: { year: "2019" }\n');
    const { videos, problems } = loadVideos(content, loadArchive(content));
    const rpki = videos.find((found) => found.id === 'sampleRPKI1');
    expect(rpki).toMatchObject({
      program: { programId: 'iw2024-h2', year: 2024, slug: 'h2', code: 'H2', source: 'code' },
      embedUrl: 'https://www.youtube-nocookie.com/embed/sampleRPKI1',
      watchUrl: 'https://www.youtube.com/watch?v=sampleRPKI1',
    });
    expect(rpki?.chapters[1]).toEqual({ start: 330, title: 'RPKIのしくみ', clock: '5:30', length: 1120, watchUrl: 'https://www.youtube.com/watch?v=sampleRPKI1&t=330s' });
    const vimeo = videos.find((found) => found.id === 'sampleVIMEO');
    expect(vimeo?.embedUrl).toBeUndefined();
    expect(vimeo?.watchUrl).toBe('https://vimeo.com/123456789');
    expect(videos.find((found) => found.id === 'sampleDNS21')?.program).toMatchObject({ programId: 'iw2024-d2', subTalk: 'D2-1' });
    const messages = problems.map((found) => `${found.file}${found.field ? ` ${found.field}` : ''}: ${found.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^content\/videos\/catalog\/badyaml0000\.yaml: expected valid YAML; the parser says at line 2 column 1: Flow sequence/u),
        expect.stringMatching(/^content\/videos\/catalog\/brokenbroke\.yaml url: expected an https URL; found "nope"/u),
        expect.stringMatching(/^content\/videos\/catalog\/sampleVIMEO\.yaml platform: expected a YouTube video; found vimeo/u),
        expect.stringMatching(/^content\/videos\/links\.yaml sampleRT19a\.year: expected a year as a number/u),
      ]),
    );
  });
});
