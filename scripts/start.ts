/**
 * `npm start`: build the bundled sample archive and serve it on localhost.
 * PORT and IW_BASE are honoured; the URL is printed when the server is up.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { serve } from './mirror/serve.ts';

const root = path.resolve(import.meta.dirname, '..');
const base = process.env.IW_BASE ?? '/';
// Fewer malloc arenas keep the PDF workers' native memory flat (measured in BENCHMARKS.md, PDF ingest).
const env = { ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' };
const built = spawnSync(process.execPath, [path.join(root, 'scripts/build.ts'), '--base', base], { stdio: 'inherit', cwd: root, env });
if (built.status !== 0) process.exit(built.status ?? 1);

const port = Number(process.env.PORT ?? 4321);
const running = await serve(path.join(root, 'dist'), { base, port }).catch(async (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EADDRINUSE') throw error;
  console.error(`port ${port} is in use; using a free port instead`);
  return serve(path.join(root, 'dist'), { base, port: 0 });
});
console.log(`\nInternet Week archive: ${running.url}\n(Ctrl-C to stop)`);
