import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { describe, expect, it } from 'vitest';
import type { LinkedVideo } from '../src/lib/videos/load.ts';

const video: LinkedVideo = {
  id: 'sampleRPKI1',
  platform: 'youtube',
  url: 'https://www.youtube.com/watch?v=sampleRPKI1',
  title: 'IW2024 H2 RPKIハンズオン',
  published: '2024-12-10',
  duration: 6420,
  description: '',
  file: 'content/videos/catalog/sampleRPKI1.yaml',
  program: { programId: 'iw2024-h2', year: 2024, slug: 'h2', code: 'H2', source: 'code', evidence: '' },
  unlinkedOnPurpose: false,
  chapters: [
    { start: 0, title: 'はじめに', clock: '0:00', length: 330, watchUrl: 'https://www.youtube.com/watch?v=sampleRPKI1' },
    { start: 330, title: 'RPKIのしくみ', clock: '5:30', watchUrl: 'https://www.youtube.com/watch?v=sampleRPKI1&t=330s' },
  ],
  embedUrl: 'https://www.youtube-nocookie.com/embed/sampleRPKI1',
  watchUrl: 'https://www.youtube.com/watch?v=sampleRPKI1',
};

// .astro files need Astro's Vite plugin: run with
//   vitest run --config test/fixtures/videos/vitest.astro.config.ts test/videos-player
// Under the plain project config the import fails and these tests are skipped.
type Component = Parameters<AstroContainer['renderToString']>[0];
const COMPONENT = '../src/components/VideoPlayer.astro';
const VideoPlayer = await import(/* @vite-ignore */ COMPONENT).then((module: { default: Component }) => module.default).catch(() => null);

describe.skipIf(VideoPlayer === null)('VideoPlayer (rendered with the Astro container)', () => {
  it('makes no request to the video host until played: no iframe, no remote image, a local button', async () => {
    const container = await AstroContainer.create();
    const html = await container.renderToString(VideoPlayer!, { props: { video, link: (to: string) => `.${to}`, showProgram: true } });
    expect(html).not.toMatch(/<iframe|<img|ytimg|<link[^>]+youtube/u);
    expect(html).toContain('data-embed-src="https://www.youtube-nocookie.com/embed/sampleRPKI1?autoplay=1"');
    expect(html).toMatch(/<button type="button" class="video-play"/u);
    expect(html).toContain('href="https://www.youtube.com/watch?v=sampleRPKI1"');
    expect(html).toContain('href="https://www.youtube.com/watch?v=sampleRPKI1&amp;t=330s"');
    expect(html).toContain('href="./2024/h2/"');
    // The only script is inline: nothing loaded from elsewhere.
    expect(html).not.toMatch(/<script[^>]+src=/u);
  });

  it('shows a plain link for a video that cannot be embedded', async () => {
    const container = await AstroContainer.create();
    const { embedUrl: _none, ...rest } = video;
    const html = await container.renderToString(VideoPlayer!, { props: { video: { ...rest, platform: 'vimeo', watchUrl: 'https://vimeo.com/1' }, link: (to: string) => to } });
    expect(html).not.toMatch(/data-embed-src="|<script/u);
    expect(html).toContain('href="https://vimeo.com/1"');
    expect(html).toContain('Vimeoで見る');
  });
});
