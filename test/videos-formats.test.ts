import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv, CsvError } from '../src/lib/videos/csv.ts';
import { detectFormat, parseExport } from '../src/lib/videos/formats.ts';

const SAMPLES = path.join(import.meta.dirname, '..', 'scripts', 'tools', 'sample', 'videos');
const sample = (name: string): string => readFileSync(path.join(SAMPLES, name), 'utf8');

describe('sample exports', () => {
  it('reads playlistItems.list: ids, titles, dates in Japan time, channel; a private video is a problem', () => {
    const parsed = parseExport(sample('playlist-items.json'), 'playlist-items.json');
    expect(parsed.format).toBe('youtube-playlist-items');
    expect(parsed.videos.map((video) => video.id)).toEqual(['sampleDNS01', 'sampleIP6v1', 'sampleTRF24']);
    expect(parsed.videos[0]).toMatchObject({ published: '2022-11-24', channel: 'JPNIC', url: 'https://www.youtube.com/watch?v=sampleDNS01' });
    // videoPublishedAt 2022-11-30T23:30Z is 1 December in Japan.
    expect(parsed.videos[1]?.published).toBe('2022-12-01');
    expect(parsed.problems).toEqual([expect.objectContaining({ field: 'items.3.snippet.title', message: expect.stringMatching(/Private video/u) })]);
  });

  it('reads videos.list: durations from PT1H4M12S, snippet when present', () => {
    const parsed = parseExport(sample('videos.json'), 'videos.json');
    expect(parsed.format).toBe('youtube-videos');
    expect(parsed.videos.map((video) => [video.id, video.duration, video.title !== undefined])).toEqual([
      ['sampleDNS01', 3852, false],
      ['sampleIP6v1', 2765, false],
      ['sampleTRF24', 3160, true],
    ]);
    expect(parsed.problems).toEqual([]);
  });

  it('reads yt-dlp -J of one video with its chapters', () => {
    const parsed = parseExport(sample('yt-dlp-video.json'), 'v.json');
    expect(parsed.format).toBe('yt-dlp-video');
    expect(parsed.videos[0]).toMatchObject({ id: 'sampleRPKI1', published: '2024-12-10', duration: 6420 });
    expect(parsed.videos[0]?.chapters?.map((chapter) => chapter.start)).toEqual([0, 330, 1450, 3165, 5480]);
  });

  it('reads yt-dlp --flat-playlist -J; an unavailable (null) entry is a problem', () => {
    const parsed = parseExport(sample('yt-dlp-playlist-flat.json'), 'flat.json');
    expect(parsed.format).toBe('yt-dlp-playlist');
    expect(parsed.playlistTitle).toBe('Internet Week Basic オンデマンド');
    expect(parsed.videos.map((video) => video.id)).toEqual(['sampleDNS01', 'sampleIP6v1', 'sampleSEC01']);
    expect(parsed.videos[0]?.description).toBeUndefined();
    expect(parsed.problems).toEqual([expect.objectContaining({ field: 'entries.3', message: expect.stringMatching(/found null/u) })]);
  });

  it('reads the CSV: multi-line quoted descriptions, "" quotes, urls, program columns, a Vimeo video flagged', () => {
    const parsed = parseExport(sample('videos.csv'), 'videos.csv');
    expect(parsed.format).toBe('csv');
    expect(parsed.videos).toHaveLength(8);
    expect(parsed.videos[0]?.description).toContain('\n00:00 自己紹介\n');
    expect(parsed.videos[0]?.duration).toBe(3690);
    expect(parsed.videos[1]?.description).toContain('"DNS この一年"');
    expect(parsed.videos[2]).toMatchObject({ id: 'sampleDNS21', url: 'https://www.youtube.com/watch?v=sampleDNS21' });
    expect(parsed.videos.find((video) => video.id === 'sampleIPM18')).toMatchObject({ duration: 5700, program: { year: 2018, code: 'D4' } });
    expect(parsed.videos.find((video) => video.id === 'sampleVIMEO')).toMatchObject({ platform: 'vimeo', url: 'https://vimeo.com/123456789' });
    expect(parsed.problems).toEqual([expect.objectContaining({ field: 'row 8 (line 15).url', message: expect.stringMatching(/expected a YouTube video; found a vimeo video/u) })]);
  });
});

describe('bad input', () => {
  it('reports malformed JSON with the line and column', () => {
    const parsed = parseExport('{\n  "items": [\n    { "id": "sampleDNS01", }\n  ]\n}', 'bad.json');
    expect(parsed.format).toBeNull();
    expect(parsed.problems[0]?.message).toMatch(/expected valid JSON; the parser says: .*line 3 column 28/u);
  });

  it('reports truncated JSON', () => {
    expect(parseExport('{"items": [', 't.json').problems[0]?.message).toMatch(/line 1 column 12/u);
  });

  it('says which formats it knows when it meets another', () => {
    expect(parseExport('{"foo": 1, "bar": 2}', 'x.json').problems[0]?.message).toMatch(/expected YouTube Data API JSON .* found JSON with top-level fields foo, bar/u);
    expect(parseExport('name;when\nfoo;bar\n', 'x.csv').problems[0]?.message).toMatch(/found text starting "name;when"/u);
    expect(parseExport('', 'e').problems[0]?.message).toMatch(/found an empty file/u);
  });

  it('names the item index and field of missing or wrong fields, and keeps the other items', () => {
    const data = {
      kind: 'youtube#playlistItemListResponse',
      items: [
        { kind: 'youtube#playlistItem', snippet: { title: 'no id', resourceId: {} } },
        { kind: 'youtube#playlistItem', snippet: { resourceId: { videoId: 'sampleDNS01' } } },
        { kind: 'youtube#playlistItem', snippet: { title: 'bad date', publishedAt: 'soon', resourceId: { videoId: 'sampleIP6v1' } } },
        { kind: 'youtube#playlistItem', snippet: { title: 'fine', resourceId: { videoId: 'sampleTRF24' } } },
        'junk',
      ],
    };
    const parsed = parseExport(JSON.stringify(data), 'p.json');
    expect(parsed.videos.map((video) => video.id)).toEqual(['sampleIP6v1', 'sampleTRF24']);
    expect(parsed.problems.map((found) => found.field)).toEqual(['items.0.snippet.resourceId.videoId', 'items.1.snippet.title', 'items.2.snippet.publishedAt', 'items.4']);
    expect(parsed.problems[1]?.message).toMatch(/expected the video's title; found nothing/u);
    expect(parsed.problems[2]?.message).toMatch(/found "soon"/u);
  });

  it('reports a malformed duration in videos.list', () => {
    const parsed = parseExport(JSON.stringify({ kind: 'youtube#videoListResponse', items: [{ id: 'sampleDNS01', contentDetails: { duration: '1:02:03' } }] }), 'v.json');
    expect(parsed.problems[0]).toMatchObject({ field: 'items.0.contentDetails.duration', message: expect.stringMatching(/PT1H2M3S; found "1:02:03"/u) });
    expect(parsed.videos).toHaveLength(1);
  });

  it('reports bad CSV rows and keeps the good ones', () => {
    const csv = [
      'id,url,title,published,duration,year,code,colour',
      'sampleDNS01,,ok,2022-11-24,1:00,,,',
      ',https://www.youtube.com/watch?v=bad,bad url,,,,,',
      ',https://example.org/video,no id for another host,,,,,',
      'sampleIP6v1,,bad fields,24 Nov 2022,soon,2024,,',
      'sampleTRF24,,bad code,,,2024,第1部,',
      'toofew,fields',
    ].join('\n');
    const parsed = parseExport(csv, 'v.csv');
    expect(parsed.videos.map((video) => video.id)).toEqual(['sampleDNS01', 'sampleIP6v1', 'sampleTRF24']);
    const messages = parsed.problems.map((found) => `${found.field}: ${found.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^column 8: unknown column "colour"/u),
      expect.stringMatching(/^row 2 \(line 3\)\.url: expected an 11-character YouTube video id/u),
      expect.stringMatching(/^row 3 \(line 4\)\.url: expected a YouTube video; found a other video/u),
      expect.stringMatching(/^row 3 \(line 4\)\.id: expected an id column/u),
      expect.stringMatching(/^row 4 \(line 5\)\.published: expected a date written YYYY-MM-DD; found "24 Nov 2022"/u),
      expect.stringMatching(/^row 4 \(line 5\)\.duration: expected seconds/u),
      expect.stringMatching(/^row 4 \(line 5\)\.code: expected both year and code/u),
      expect.stringMatching(/^row 5 \(line 6\)\.code: unknown code: .* found "第1部"/u),
      expect.stringMatching(/^row 6 \(line 7\): expected 8 fields like the header; found 2/u),
    ]);
  });

  it('detects formats from content only', () => {
    expect(detectFormat({ items: [{ snippet: { resourceId: { videoId: 'x' } } }] })).toBe('youtube-playlist-items');
    expect(detectFormat({ items: [{ id: 'x', contentDetails: {} }] })).toBe('youtube-videos');
    expect(detectFormat({ id: 'x', upload_date: '20240101' })).toBe('yt-dlp-video');
    expect(detectFormat({ entries: [] })).toBe('yt-dlp-playlist');
    expect(detectFormat([1, 2])).toBeNull();
  });
});

describe('parseCsv', () => {
  it('follows RFC 4180: commas, quotes and newlines in quoted fields, CRLF, BOM', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi""\nthere"\r\n').map((row) => row.fields)).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
    ]);
    expect(parseCsv('a,b\n1,2\n\n3,4').map((row) => row.line)).toEqual([1, 2, 4]);
    expect(parseCsv('a,\n').map((row) => row.fields)).toEqual([['a', '']]);
  });

  it('reports positions of errors', () => {
    expect(() => parseCsv('a,b\n1,"open\nstill')).toThrow(/expected a closing quote; the file ends inside a quoted field that opens at line 2 field 2/u);
    expect(() => parseCsv('a,b\n1,x"y')).toThrow(CsvError);
    expect(() => parseCsv('a,b\n1,x"y')).toThrow(/Invalid Opening Quote.* at line 2 field 2/u);
    expect(() => parseCsv('a,b\n"1"x,2')).toThrow(/Invalid Closing Quote: got "x".* at line 2 field 1/u);
  });

  it('turns a CSV syntax error into a problem with the position', () => {
    const parsed = parseExport('id,title\nsampleDNS01,"never closed\n', 'x.csv');
    expect(parsed.problems[0]).toMatchObject({ field: 'line 2', message: expect.stringMatching(/opens at line 2 field 2/u) });
  });
});
