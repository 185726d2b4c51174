// A static server for the release build in dist/, by the rules the README gives hosts: a file
// by its path; else the page prerendered for that path (`/news` is news.html); else
// shell.html, the app with no page in it, for every other route. Gzip for clients that accept
// it, validators, /api/ forwarded to the story receiver, and, for the end-to-end tests,
// replacement files (a broken bundle, say) and extra headers.
//
// `make serve` runs it: node src/build/server.mjs [--port 8080] [--api http://127.0.0.1:8081]
import { createServer, request as forward } from 'node:http';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

async function fileAt(root, urlPath) {
  const path = normalize(join(root, decodeURIComponent(urlPath)));
  if (!path.startsWith(root)) return null;
  try {
    return (await stat(path)).isFile() ? path : null;
  } catch {
    return null;
  }
}

/**
 * The file that answers a path: the file itself, or the page prerendered for it (index.html
 * for `/`), or the shell (index.html in a build that was not prerendered, such as Trunk's
 * development one).
 */
async function pathFor(root, pathname) {
  const page = pathname.replace(/\/+$/, '');
  return (
    (await fileAt(root, pathname)) ??
    (await fileAt(root, page ? `${page}.html` : '/index.html')) ??
    (await fileAt(root, '/shell.html')) ??
    join(root, 'index.html')
  );
}

/**
 * Passes a request under /api/ to the story receiver, as the development server does. When
 * the receiver closes the connection unanswered, or is not there, the browser's connection
 * is closed too, so the app sees what it would see without a proxy.
 */
function proxy(api, request, response) {
  const target = new URL(request.url, api);
  const upstream = forward(target, { method: request.method, headers: request.headers }, (answer) => {
    response.writeHead(answer.statusCode, answer.headers);
    answer.pipe(response);
    answer.on('error', () => response.destroy());
  });
  upstream.on('error', () => response.destroy());
  request.pipe(upstream);
}

/**
 * Starts the server on a free loopback port.
 * @param {{ root?: string | (() => string), replace?: Record<string, string | Buffer | (() => Promise<string>)>,
 *           api?: () => string | undefined, port?: number }} options
 *   `root` may be a function, to deploy another build under a running app. `replace` maps a URL path to the body to serve there instead of the file, or to an
 *   async function that gives the body (to delay it, say). `api` gives the receiver's URL
 *   that /api/ is forwarded to. `port` listens on that port (to start a server again where
 *   a stopped one was). `headers` are added to every file served (a Content Security
 *   Policy, say).
 */
export async function startServer({ root = DIST, replace = {}, api, port: wanted = 0, headers: extra = {} } = {}) {
  const rootNow = typeof root === 'function' ? root : () => root;
  const server = createServer(async (request, response) => {
    const root = rootNow();
    const { pathname } = new URL(request.url, 'http://localhost');
    if (pathname.startsWith('/api/')) {
      const target = api?.();
      if (target) proxy(target, request, response);
      else request.socket.destroy();
      return;
    }
    if (pathname in replace) {
      response.writeHead(200, { 'content-type': TYPES[extname(pathname)] ?? 'application/octet-stream' });
      const body = replace[pathname];
      response.end(typeof body === 'function' ? await body() : body);
      return;
    }
    const path = await pathFor(root, pathname);
    try {
      let body = await readFile(path);
      // Validators, as any static host sends them: an unchanged file answers 304.
      const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
      const headers = {
        'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        etag,
        ...extra,
      };
      if (request.headers['if-none-match'] === etag) {
        response.writeHead(304, headers).end();
        return;
      }
      if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
        body = gzipSync(body);
        headers['content-encoding'] = 'gzip';
      }
      response.writeHead(200, headers);
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(wanted, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      }),
  };
}

// Run directly: serve dist/ until stopped (`make serve`).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const option = (name, fallback) => {
    const at = process.argv.indexOf(name);
    return at > 0 ? process.argv[at + 1] : fallback;
  };
  const api = option('--api');
  const { url } = await startServer({ port: Number(option('--port', 8080)), api: api && (() => api) });
  console.log(`city-comms: serving ${DIST} on ${url}${api ? ` (stories go to ${api})` : ''}`);
}
