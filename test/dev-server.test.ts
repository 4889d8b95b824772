/**
 * `astro dev` on the sample archive, as a contributor runs it: a deck page shows its slides' text
 * and thumbnails (the slides live collection, read through the dev server's content stage), and
 * the thumbnails it links are served.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './helpers/build.ts';

let server: ChildProcess;
let origin: string;
let output = '';

beforeAll(async () => {
  server = spawn(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs'), 'dev', '--port', '0', '--host', '127.0.0.1'], {
    cwd: PROJECT_ROOT,
    // As a contributor's shell has it: not the test runner's NODE_ENV=test and VITEST* variables (Vite would take them for its own).
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV' && !name.startsWith('VITEST'))), ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  origin = await new Promise<string>((resolve, reject) => {
    const seen = (chunk: Buffer) => {
      output += chunk.toString();
      // The address it listens on, once it is ready (the port is the one the system gave).
      const ready = /Local\s+(http:\/\/127\.0\.0\.1:\d+)\//u.exec(output.replace(/\u001b\[[0-9;]*m/gu, ''));
      if (ready?.[1]) resolve(ready[1]);
    };
    server.stdout?.on('data', seen);
    server.stderr?.on('data', seen);
    server.once('close', (code) => reject(new Error(`astro dev ended (exit ${code}):\n${output}`)));
  });
});

afterAll(() => {
  server?.kill();
});

describe('astro dev', () => {
  it('shows a deck page with its slide text and thumbnails, and serves the thumbnails', async () => {
    const response = await fetch(`${origin}/2024/o1/o1-mawatari/`);
    expect(response.status, output).toBe(200);
    const html = await response.text();
    expect(html).toContain('2008年10月に JPIX に入社し');
    const slides = html.match(/<section class="slide"/gu) ?? [];
    expect(slides.length).toBeGreaterThan(5);
    const thumb = /<img src="([^"]+\.webp)"/u.exec(html)?.[1];
    expect(thumb).toBeDefined();
    const image = await fetch(new URL(thumb ?? '', `${origin}/2024/o1/o1-mawatari/`));
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/webp');
  });
});
