/**
 * A small static file server for the built mirror: serves a folder at a base
 * path (default "/"), with the MIME types Pagefind and PDFs need. Used by
 * `npm start`, `npm run serve` and the end-to-end tests.
 *
 *   node scripts/serve.ts [DIR] [--base /archive/iw/] [--port 4321]
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.png': 'image/png',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
  '.bib': 'text/plain; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.sha256': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};

export interface RunningServer {
  url: string;
  server: Server;
  close: () => Promise<void>;
}

function normaliseBase(base: string): string {
  return `/${base.replace(/^\/+|\/+$/gu, '')}/`.replace(/^\/\/$/u, '/');
}

export async function serve(root: string, options: { base?: string; port?: number; host?: string } = {}): Promise<RunningServer> {
  const base = normaliseBase(options.base ?? '/');
  const host = options.host ?? '127.0.0.1';
  const absoluteRoot = path.resolve(root);
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      response.writeHead(400).end('bad request');
      return;
    }
    if (!pathname.startsWith(base)) {
      response.writeHead(302, { location: base }).end();
      return;
    }
    let file = path.join(absoluteRoot, pathname.slice(base.length));
    if (!file.startsWith(absoluteRoot)) {
      response.writeHead(403).end('forbidden');
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!pathname.endsWith('/')) {
        response.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
        return;
      }
      file = path.join(file, 'index.html');
    }
    const found = existsSync(file) && statSync(file).isFile();
    const target = found ? file : path.join(absoluteRoot, '404.html');
    if (!existsSync(target)) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(found ? 200 : 404, {
      'content-type': MIME[path.extname(target).toLowerCase()] ?? 'application/octet-stream',
      'content-length': statSync(target).size,
      'cache-control': 'no-cache',
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(target).pipe(response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}${base}`,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { base: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } },
  });
  const root = positionals[0] ?? 'dist';
  if (!existsSync(path.join(root, 'index.html'))) {
    console.error(`${root}/index.html not found: build the site first (npm run build).`);
    process.exit(1);
  }
  const wanted = Number(values.port ?? process.env.PORT ?? 4321);
  let running: RunningServer;
  try {
    running = await serve(root, { base: values.base ?? process.env.IW_BASE ?? '/', port: wanted, ...(values.host ? { host: values.host } : {}) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.error(`port ${wanted} is in use; using a free port instead`);
    running = await serve(root, { base: values.base ?? process.env.IW_BASE ?? '/', port: 0 });
  }
  console.log(`Serving ${path.resolve(root)} at ${running.url}  (Ctrl-C to stop)`);
}

if (import.meta.main) await main();
