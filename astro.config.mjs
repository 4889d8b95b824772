// @ts-check
// The whole configuration lives in scripts/build/config.ts, shared with `npm run build`.
import { defineConfig } from 'astro/config';
import { archiveConfig } from './scripts/build/config.ts';

export default defineConfig(archiveConfig());
