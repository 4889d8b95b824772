import { describe, expect, it } from 'vitest';
import { parseChapters } from '../src/lib/videos/chapters.ts';
import { compactDate, dateInJapan, embedUrl, formatClock, parseClock, parseIsoDuration, parseVideoUrl, watchUrl } from '../src/lib/videos/youtube.ts';

describe('parseChapters', () => {
  it('reads 00:00 and 1:02:03 lines, with brackets, bullets and full-width digits', () => {
    const description = ['講師: 山口 健一', '', '00:00 はじめに', '・02:15 DNSとは', '[10:40] 階層構造', '１:０２:０３ – まとめ', 'see 12:00 later'].join('\n');
    expect(parseChapters(description)).toEqual({
      chapters: [
        { start: 0, title: 'はじめに' },
        { start: 135, title: 'DNSとは' },
        { start: 640, title: '階層構造' },
        { start: 3723, title: 'まとめ' },
      ],
      rejected: null,
    });
  });

  it('needs a first chapter at 0:00, as YouTube does', () => {
    const result = parseChapters('01:00 a\n02:00 b\n03:00 c');
    expect(result.chapters).toEqual([]);
    expect(result.rejected).toMatch(/first is 1:00, not 0:00/u);
  });

  it('needs ascending timestamps and three chapters', () => {
    expect(parseChapters('0:00 a\n5:00 b\n3:00 c').rejected).toMatch(/ascending.*3:00 "c" follows 5:00/u);
    expect(parseChapters('0:00 a\n5:00 b').rejected).toMatch(/only 2 timestamp/u);
  });

  it('refuses a chapter after the end of the video', () => {
    expect(parseChapters('0:00 a\n1:00 b\n10:00 c', 300).rejected).toMatch(/after the end of the video \(5:00\)/u);
  });

  it('gives nothing and no complaint without timestamp lines', () => {
    expect(parseChapters('ただの説明文です。')).toEqual({ chapters: [], rejected: null });
  });
});

describe('durations, clocks and dates', () => {
  it.each([
    ['PT1H2M3S', 3723],
    ['PT46M5S', 2765],
    ['PT45S', 45],
    ['P1DT2H', 93600],
    ['P0D', 0],
    ['PT', null],
    ['1:02:03', null],
  ])('ISO duration %s', (text, seconds) => expect(parseIsoDuration(text)).toBe(seconds));

  it('reads and writes clocks', () => {
    expect(parseClock('1:02:03')).toBe(3723);
    expect(parseClock('48:20')).toBe(2900);
    expect(parseClock('3600')).toBe(3600);
    expect(parseClock('1:75')).toBeNull();
    expect(formatClock(3723)).toBe('1:02:03');
    expect(formatClock(75)).toBe('1:15');
  });

  it('dates timestamps in Japan time', () => {
    expect(dateInJapan('2022-11-23T16:30:00Z')).toBe('2022-11-24');
    expect(dateInJapan('yesterday')).toBeNull();
    expect(compactDate('20221124')).toBe('2022-11-24');
    expect(compactDate('20221324')).toBeNull();
  });
});

describe('video URLs', () => {
  it.each([
    'https://www.youtube.com/watch?v=sampleDNS01&list=PLx',
    'https://youtu.be/sampleDNS01?t=30',
    'https://www.youtube.com/embed/sampleDNS01',
    'https://www.youtube-nocookie.com/embed/sampleDNS01',
    'https://m.youtube.com/shorts/sampleDNS01',
    'http://youtube.com/live/sampleDNS01',
  ])('reads %s', (url) => {
    expect(parseVideoUrl(url)).toEqual({ platform: 'youtube', id: 'sampleDNS01', url: 'https://www.youtube.com/watch?v=sampleDNS01' });
  });

  it('flags other hosts and refuses malformed URLs', () => {
    expect(parseVideoUrl('https://vimeo.com/123456789')).toEqual({ platform: 'vimeo', url: 'https://vimeo.com/123456789' });
    expect(parseVideoUrl('not a url')).toMatch(/not a URL/u);
    expect(parseVideoUrl('https://www.youtube.com/watch?v=short')).toMatch(/11-character YouTube video id.*"short"/u);
    expect(parseVideoUrl('https://www.youtube.com/channel/UCx')).toMatch(/expected a YouTube video URL/u);
    expect(parseVideoUrl('ftp://youtu.be/sampleDNS01')).toMatch(/http\(s\)/u);
  });

  it('makes privacy-enhanced embeds and timestamped watch links', () => {
    expect(embedUrl('sampleDNS01', 135)).toBe('https://www.youtube-nocookie.com/embed/sampleDNS01?start=135');
    expect(embedUrl('sampleDNS01')).toBe('https://www.youtube-nocookie.com/embed/sampleDNS01');
    expect(watchUrl('sampleDNS01', 135)).toBe('https://www.youtube.com/watch?v=sampleDNS01&t=135s');
  });
});
