// A static server for the release build in dist/, by the rules the README gives hosts: a file
// by its path; else the page prerendered for that path (`/news` is news.html); else
// shell.html, the app with no page in it, for every other route. Gzip for clients that accept
// it (a file's NAME.gz where the build wrote one, `city-comms-data precompress`, as nginx's
// `gzip_static` sends it; else compressed here), validators, /api/ forwarded to the story receiver, and, for the end-to-end tests,
// replacement files (a broken bundle, say) and extra headers.
//
// No request can stop it or reach outside the root: targets are checked in request-path.mjs
// (400, 414), methods other than GET and HEAD get 405 (except under /api/), no error in a
// handler escapes it, and a client that sends its request too slowly is cut off. A Range
// asking for one byte range gets 206 (416 if it lies past the end) when the file is sent
// unzipped; a gzipped answer ignores Range and sends the whole file, as HTTP allows, rather
// than give out ranges of bytes that change with the compressor.
//
// `make serve` runs it: node src/build/server.mjs [--port 8080] [--api http://127.0.0.1:8081]
// [--root dist] [--base /folder/ (a build made with Trunk's --public-url /folder/)]
import { createServer, request as forward } from 'node:http';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileFor, requestPath } from './request-path.mjs';

export const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

// A file named by its content (the dataset's files, domain::dataset::content_named_pattern)
// never changes: a browser or a CDN may keep it for a year without asking again. Every other
// file is revalidated.
const NAMES = JSON.parse(readFileSync(new URL('./shared-names.json', import.meta.url), 'utf8'));
const CONTENT_NAMED = new RegExp(NAMES.contentNamed);
const cacheControl = (path) => (CONTENT_NAMED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');

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
  '.xml': 'application/xml; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

const REASONS = {
  400: 'Bad request',
  404: 'Not found',
  405: 'Method not allowed',
  414: 'URI too long',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** A short plain-text answer with an error status. */
function refuse(response, status, headers = {}) {
  const text = `${REASONS[status]}\n`;
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': text.length, ...headers });
  response.end(text);
}

/**
 * The single byte range a Range header asks of `size` bytes, as `{ start, end }`, or
 * 'unsatisfiable'; null (send everything) for no header, several ranges, or nonsense.
 */
function byteRange(header, size) {
  const found = /^bytes=(\d*)-(\d*)$/i.exec(header?.trim() ?? '');
  if (!found || (found[1] === '' && found[2] === '')) return null;
  const [, first, last] = found;
  if (first === '') {
    const suffix = Number(last);
    return suffix === 0 || size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}

const acceptsGzip = (request) => /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');

/**
 * Sends a file's bytes with validators, gzip (`precompressed`, the build's gzip of them, when
 * there is one) or a byte range, and the extra headers.
 */
function sendFile(request, response, file, body, extra, precompressed) {
  // Validators, as any static host sends them: an unchanged file answers 304.
  const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
  const headers = {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': cacheControl(file),
    // The answer depends on whether the client takes gzip: a cache must keep both.
    vary: 'accept-encoding',
    etag,
    ...extra,
  };
  if (request.headers['if-none-match'] === etag) {
    response.writeHead(304, headers).end();
    return;
  }
  let status = 200;
  if (acceptsGzip(request)) {
    body = precompressed ?? gzipSync(body);
    headers['content-encoding'] = 'gzip';
  } else {
    headers['accept-ranges'] = 'bytes';
    const ifRange = request.headers['if-range'];
    const range = ifRange === undefined || ifRange === etag ? byteRange(request.headers.range, body.length) : null;
    if (range === 'unsatisfiable') {
      response.writeHead(416, { ...headers, 'content-range': `bytes */${body.length}`, 'content-length': 0 }).end();
      return;
    }
    if (range) {
      headers['content-range'] = `bytes ${range.start}-${range.end}/${body.length}`;
      body = body.subarray(range.start, range.end + 1);
      status = 206;
    }
  }
  headers['content-length'] = body.length;
  response.writeHead(status, headers).end(request.method === 'HEAD' ? undefined : body);
}

/**
 * Passes a request under /api/ (of the site's folder, which the receiver does not see) to the
 * story receiver, as the development server does. When
 * the receiver closes the connection unanswered, or is not there, the browser's connection
 * is closed too, so the app sees what it would see without a proxy.
 */
function proxy(api, path, request, response) {
  const target = new URL(path, api);
  const upstream = forward(target, { method: request.method, headers: request.headers }, (answer) => {
    response.writeHead(answer.statusCode, answer.headers);
    answer.pipe(response);
    answer.on('error', () => response.destroy());
  });
  upstream.on('error', () => response.destroy());
  // A browser that goes away in the middle of a story takes the forwarded request with it.
  request.on('error', () => upstream.destroy());
  request.pipe(upstream);
}

/** Answers one request; may throw, which startServer turns into a 500. */
async function answer(request, response, { rootNow, replace, api, extra, base }) {
  const target = requestPath(request.url);
  if (target.status) return refuse(response, target.status);
  // A site in a folder of a larger one answers only inside it, as that host would; the folder
  // named without its slash is sent to the folder, as nginx and Apache do.
  if (!target.path.startsWith(base)) {
    if (target.path !== base.slice(0, -1)) return refuse(response, 404);
    response.writeHead(301, { location: base + request.url.slice(target.path.length) }).end();
    return;
  }
  const path = target.path.slice(base.length - 1);
  if (path.startsWith('/api/')) {
    const receiver = api?.();
    if (receiver) proxy(receiver, request.url.slice(base.length - 1), request, response);
    else request.socket.destroy();
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, { allow: 'GET, HEAD' });
  if (Object.hasOwn(replace, path)) {
    if (replace[path] === null) return refuse(response, 404);
    // `{ status }` answers with that error; `{ type, body }` sends the body with another
    // content type than its name's.
    const given = replace[path];
    if (given?.status) return refuse(response, given.status);
    const { type, body } = given?.type ? given : { type: TYPES[extname(path)] ?? 'application/octet-stream', body: given };
    response.writeHead(200, { 'content-type': type, ...extra });
    response.end(typeof body === 'function' ? await body() : body);
    return;
  }
  const file = await fileFor(rootNow(), path);
  let body;
  try {
    body = await readFile(file);
  } catch {
    return refuse(response, 404);
  }
  const precompressed = acceptsGzip(request) ? await readFile(`${file}.gz`).catch(() => undefined) : undefined;
  sendFile(request, response, file, body, extra, precompressed);
}

/**
 * Starts the server on a free loopback port.
 * @param {{ root?: string | (() => string), replace?: Record<string, string | Buffer | null | (() => Promise<string>) | { type: string, body: string | Buffer } | { status: number }>,
 *           api?: () => string | undefined, port?: number, headers?: Record<string, string>,
 *           headersTimeout?: number, requestTimeout?: number, onRequest?: (url: string) => unknown }} options
 *   `root` may be a function, to deploy another build under a running app. `replace` maps a
 *   URL path to the body to serve there instead of the file, to an async function that
 *   gives the body (to delay it, say), to null for a 404, or to `{ status }` for that error. `api` gives the receiver's URL that /api/ is forwarded
 *   to. `port` listens on that port (to start a server again where a stopped one was).
 *   `headers` are added to every file served, replaced ones too (a Content Security Policy, say).
 *   `headersTimeout` and `requestTimeout` are the milliseconds a client has to send its
 *   request's headers, and all of it (a story with photos, under /api/), before it is cut off.
 *   `onRequest` hears each request's URL first; the answer waits for the promise it returns.
 *   `base` is the folder the site is published in (`/news-app/`, Trunk's `--public-url`):
 *   paths outside it get 404, and `replace` and /api/ are named within it.
 */
export async function startServer({
  root = DIST,
  replace = {},
  api,
  port: wanted = 0,
  headers: extra = {},
  headersTimeout = 10_000,
  requestTimeout = 60_000,
  onRequest,
  base = '/',
} = {}) {
  if (!/^\/(?:[^/?#]+\/)*$/.test(base)) throw new Error(`the site's folder must start and end with "/": ${base}`);
  const rootNow = typeof root === 'function' ? root : () => root;
  // Node checks the timeouts every connectionsCheckingInterval (30 s unless told).
  const limits = { headersTimeout, requestTimeout, connectionsCheckingInterval: Math.min(1000, headersTimeout / 2) };
  const server = createServer(limits, (request, response) => {
    // A test may count what is asked for, or hold an answer back a while.
    Promise.resolve(onRequest?.(request.url))
      .then(() => answer(request, response, { rootNow, replace, api, extra, base }))
      .catch(() => {
        // Whatever went wrong, this request ends here and the server goes on.
        try {
          if (response.headersSent) response.destroy();
          else refuse(response, 500);
        } catch {
          response.destroy();
        }
      });
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
  const root = option('--root', DIST);
  const base = option('--base', '/');
  const { url } = await startServer({ root, base, port: Number(option('--port', 8080)), api: api && (() => api) });
  console.log(`city-comms: serving ${root} on ${url}${base}${api ? ` (stories go to ${api})` : ''}`);
}
