/**
 * The static file server for the built mirror: serve-static (Express's file
 * server, with its path decoding, `..` refusal and directory redirects) at a base
 * path (default "/"), plus one guard of our own: a path whose real location
 * (symlinks followed) is outside the served folder is not served. Text (pages,
 * scripts, styles, data) is compressed as a production server sends it (Express's
 * `compression`: gzip or brotli, as the browser accepts); Pagefind's index files,
 * already gzipped, and images go as they are. Used by `npm start`, `npm run serve`
 * and the end-to-end tests.
 *
 *   node scripts/mirror/serve.ts [DIR] [--base /archive/iw/] [--port 4321]
 */
import { createReadStream, existsSync, realpathSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import compression from 'compression';
import serveStatic from 'serve-static';

/** Types the library does not know (Pagefind's bundle files, the manifest, citations). */
const MIME: Record<string, string> = {
  '.bib': 'text/plain; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.sha256': 'text/plain; charset=utf-8',
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

/**
 * False when the request's file exists but its real path (symlinks followed) leaves `realRoot`.
 * Paths that do not decode or do not exist are left to serve-static (400 or 404).
 */
function staysInside(realRoot: string, sitePath: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(sitePath);
  } catch {
    return true;
  }
  const file = path.join(realRoot, decoded);
  if (decoded.includes('\0') || !existsSync(file)) return true;
  const real = realpathSync(file);
  return real === realRoot || real.startsWith(`${realRoot}${path.sep}`);
}

export async function serve(root: string, options: { base?: string; port?: number; host?: string } = {}): Promise<RunningServer> {
  const base = normaliseBase(options.base ?? '/');
  const host = options.host ?? '127.0.0.1';
  const realRoot = realpathSync(path.resolve(root));
  const files = serveStatic(realRoot, {
    index: ['index.html'],
    redirect: true,
    dotfiles: 'deny',
    setHeaders: (response, file) => {
      const type = MIME[path.extname(file).toLowerCase()];
      if (type) response.setHeader('content-type', type);
      response.setHeader('cache-control', 'no-cache');
    },
  });
  const notFound = (response: ServerResponse) => {
    const page = path.join(realRoot, '404.html');
    if (!existsSync(page)) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
    createReadStream(page).pipe(response);
  };
  // Its types name Express's request and response; it uses only what Node's own have.
  // Pagefind's index files are gzip already; mime-db counts their application/octet-stream as compressible.
  const compress = compression({ filter: (request, response) => response.getHeader('content-type') !== 'application/octet-stream' && compression.filter(request, response) }) as unknown as (request: IncomingMessage, response: ServerResponse, next: () => void) => void;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => compress(request, response, () => answer(request, response)));
  const answer = (request: IncomingMessage, response: ServerResponse) => {
    const url = request.url ?? '/';
    const [pathname = '/', query = ''] = url.split(/(?=\?)/u, 2);
    if (!pathname.startsWith(base)) {
      response.writeHead(302, { location: base }).end();
      return;
    }
    const sitePath = `/${pathname.slice(base.length)}`;
    if (!staysInside(realRoot, sitePath)) {
      notFound(response);
      return;
    }
    // serve-static answers relative to its root; it builds its redirects ("dir" → "dir/") from originalUrl, which keeps the base.
    Object.assign(request, { originalUrl: url });
    request.url = `${sitePath}${query}`;
    files(request, response, (error?: { statusCode?: number }) => {
      const status = error?.statusCode;
      if (status !== undefined && status >= 400 && status !== 404) response.writeHead(status, { 'content-type': 'text/plain' }).end(status === 403 ? 'forbidden' : 'bad request');
      else notFound(response);
    });
  };
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
