// End-to-end: the host server (src/build/server.mjs) against hostile requests, on a small
// root of its own (no build needed). Requests that fetch would tidy up (`/../`, `%ZZ`) go over
// raw sockets. No request may stop the server, and none may read the secret that lies beside
// the root, in a sibling directory whose name starts with the root's.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { createServer, request as httpRequest } from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { startServer } from './server.mjs';

const MARKER = `host-server-secret-${randomBytes(8).toString('hex')}`;
const NEWS = '<!doctype html><title>news</title><h1>ข่าว</h1>';
const BUNDLE = JSON.stringify({ news: [{ id: 'one', title: { th: 'ข่าวหนึ่ง', en: 'News one' } }] });
// A file named by its content, as the dataset compiler names them.
const CONTENT_NAMED = 'cards/2026-11-0.0123456789abcdef.json';
// One of the app's files with its precompressed copy beside it (city-comms-data precompress),
// here a gzip of the lowest level, whose bytes the server's own compression would not give.
const SCRIPT = `${'const news = "ข่าวเขตพระนคร";\n'.repeat(200)}`;
const SCRIPT_NAME = 'start-0123456789abcdef.js';
const SCRIPT_GZ = gzipSync(SCRIPT, { level: 1 });
const shared = {};

before(async () => {
  shared.place = await mkdtemp(join(tmpdir(), 'city-comms-host-'));
  shared.root = join(shared.place, 'dist');
  await mkdir(join(shared.root, 'data'), { recursive: true });
  await writeFile(join(shared.root, 'index.html'), '<!doctype html><title>home</title>');
  await writeFile(join(shared.root, 'shell.html'), '<!doctype html><title>shell</title>');
  await writeFile(join(shared.root, 'news.html'), NEWS);
  await writeFile(join(shared.root, 'data/bundle.json'), BUNDLE);
  await writeFile(join(shared.root, 'data/manifest.json'), '{}');
  await mkdir(join(shared.root, 'data/cards'));
  await writeFile(join(shared.root, `data/${CONTENT_NAMED}`), '{}');
  await writeFile(join(shared.root, SCRIPT_NAME), SCRIPT);
  await writeFile(join(shared.root, `${SCRIPT_NAME}.gz`), SCRIPT_GZ);
  // Outside the root: beside it, and in a sibling that a bare prefix check would let pass.
  await writeFile(join(shared.place, 'secret.txt'), MARKER);
  await mkdir(join(shared.place, 'dist-secret'));
  await writeFile(join(shared.place, 'dist-secret/secret.txt'), MARKER);
  shared.server = await startServer({ root: shared.root });
});
after(async () => {
  await shared.server?.close();
  await rm(shared.place, { recursive: true, force: true });
});

/** Sends `text` as it is and gives the raw answer, read until the server closes. */
function rawExchange(port, text, { wait = 5_000 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks = [];
    socket.setTimeout(wait, () => {
      socket.destroy();
      reject(new Error(`no complete answer within ${wait} ms to ${JSON.stringify(text.slice(0, 80))}`));
    });
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.on('close', () => resolve(Buffer.concat(chunks)));
    // Written, not ended: a client that half-closes its side is answered by nothing at all.
    socket.write(text);
  });
}

/** The status, headers and body of a raw answer. */
function parse(answer) {
  const split = answer.indexOf('\r\n\r\n');
  const head = answer.subarray(0, split < 0 ? answer.length : split).toString('latin1').split('\r\n');
  const headers = Object.fromEntries(
    head.slice(1).map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  const status = /^HTTP\/1\.1 (\d{3}) /.exec(head[0])?.[1];
  return { statusLine: head[0], status: Number(status), headers, body: split < 0 ? Buffer.alloc(0) : answer.subarray(split + 4) };
}

/** A request with the given target and method, sent over a raw socket. */
async function raw(target, { method = 'GET', headers = {}, port = shared.server.port } = {}) {
  const lines = [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return parse(await rawExchange(port, `${lines.join('\r\n')}\r\n\r\n`));
}

/** A request through node:http, which adds no Accept-Encoding of its own. */
function get(path, { method = 'GET', headers = {}, url = shared.server.url } = {}) {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(`${url}${path}`, { method, headers }, (answer) => {
      const chunks = [];
      answer.on('data', (chunk) => chunks.push(chunk));
      answer.on('end', () => resolve({ status: answer.statusCode, headers: answer.headers, body: Buffer.concat(chunks) }));
    });
    outgoing.setTimeout(5_000, () => outgoing.destroy(new Error(`no answer within 5000 ms to ${method} ${path}`)));
    outgoing.on('error', reject);
    outgoing.end();
  });
}

async function assertStillServing() {
  const home = await get('/');
  assert.equal(home.status, 200);
  assert.match(home.body.toString(), /<title>home<\/title>/);
}

test('a malformed percent-encoding gets 400, and the server goes on answering', async () => {
  const answer = await raw('/%ZZ');
  assert.equal(answer.status, 400);
  assert.match(answer.headers['content-type'], /^text\/plain/);
  await assertStillServing();
});

describe('every spelling of a way out of the root', () => {
  const refused = [
    '/../secret.txt',
    '/../dist-secret/secret.txt',
    '/..%2fsecret.txt',
    '/..%2f..%2fsecret',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fdist-secret%2Fsecret.txt',
    '/.%2e/secret.txt',
    '/news/../../secret.txt',
    '/..%5csecret.txt',
    '/..\\secret.txt',
    '/%5c..%5csecret.txt',
    '/news%00.html',
    '/secret.txt%00',
    '/data/./bundle.json',
    'secret.txt',
    '*',
  ];
  for (const target of refused) {
    test(`${target} gets 400`, async () => {
      const answer = await raw(target);
      assert.equal(answer.status, 400);
      assert.ok(!answer.body.includes(MARKER));
    });
  }

  // Decoded once only: these name files called `%2e%2e` and the like, which do not exist, so
  // the shell answers.
  for (const target of ['/%252e%252e/secret.txt', '/%252e%252e%252fdist-secret%252fsecret.txt', '/..%252fsecret.txt']) {
    test(`${target} is not decoded twice`, async () => {
      const answer = await raw(target);
      assert.equal(answer.status, 200);
      assert.match(answer.body.toString(), /<title>shell<\/title>/);
    });
  }
});

/** A deterministic generator of numbers in [0, 1) (mulberry32), so a failure can be replayed. */
function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '%', '%Z', '%ZZ', '%2', '%2e', '%2E', '%2e%2e', '%2f', '%2F', '%5c', '%5C', '..', '.', '\\', '%00', '%0a',
  '%252e', '%252e%252e', '%252f', '%c0%ae', '%c0%af', '%e0%b8%81', 'ก', 'ข่าว', '%ed%a0%80', '%ff', '%e2%80%ae',
  '/', '//', ';', '?', '#', '?q=..%2f', 'news', 'data', 'bundle.json', 'index.html', 'shell.html', 'secret.txt',
  'a'.repeat(300), 'b'.repeat(4000),
];
const SECRETS = [
  '../secret.txt', '../dist-secret/secret.txt', '..%2fsecret.txt', '%2e%2e/secret.txt', '%2e%2e%2fsecret.txt',
  '..%5csecret.txt', '..\\secret.txt', '%252e%252e%252fsecret.txt', '.%2e/dist-secret/secret.txt',
  '%2e%2e%2f%2e%2e%2fdist-secret%2fsecret.txt', '..%c0%afsecret.txt', '../../../../../../../../secret.txt',
];

function hostileTarget(random) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const parts = Array.from({ length: 1 + Math.floor(random() * 8) }, () => pick(PIECES));
  if (random() < 0.5) parts.splice(Math.floor(random() * parts.length), 0, pick(SECRETS));
  const joined = parts.join(random() < 0.5 ? '/' : '');
  return random() < 0.95 ? `/${joined}` : joined;
}

test('thousands of hostile targets never show the secret, and the server goes on', { timeout: 120_000 }, async () => {
  const random = seeded(17);
  const targets = Array.from({ length: 3000 }, () => hostileTarget(random));
  const failures = [];
  let next = 0;
  const started = Date.now();
  // Twenty connections at a time: enough to overlap requests, not so many as to exhaust ports.
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next < targets.length) {
        const target = targets[next++];
        const answer = parse(await rawExchange(shared.server.port, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
        if (answer.body.includes(MARKER) || !/^HTTP\/1\.1 [1-5]\d\d /.test(answer.statusLine) || answer.status === 500) {
          failures.push({ target, status: answer.statusLine, leaked: answer.body.includes(MARKER) });
        }
      }
    }),
  );
  assert.deepEqual(failures, []);
  assert.ok(Date.now() - started < 60_000, 'answered within a minute');
  await assertStillServing();
});

test('a target of 10,000 characters gets 414', async () => {
  const answer = await raw(`/${'a'.repeat(9_999)}`);
  assert.equal(answer.status, 414);
  await assertStillServing();
});

test('HEAD gives the headers of GET and no body', async () => {
  for (const headers of [{}, { 'Accept-Encoding': 'gzip' }]) {
    const full = await raw('/news', { headers });
    const head = await raw('/news', { method: 'HEAD', headers });
    assert.equal(full.status, 200);
    assert.equal(head.status, 200);
    for (const name of ['content-type', 'etag', 'content-length', 'content-encoding']) {
      assert.equal(head.headers[name], full.headers[name], name);
    }
    assert.equal(Number(full.headers['content-length']), full.body.length);
    assert.equal(head.body.length, 0);
  }
});

describe('a Range request on an unzipped file', () => {
  const size = Buffer.byteLength(BUNDLE);
  const cases = [
    { range: 'bytes=0-9', status: 206, start: 0, end: 9 },
    { range: 'bytes=5-', status: 206, start: 5, end: size - 1 },
    { range: 'bytes=-4', status: 206, start: size - 4, end: size - 1 },
    { range: `bytes=10-${size + 100}`, status: 206, start: 10, end: size - 1 },
    { range: `bytes=${size}-`, status: 416 },
    { range: `bytes=${size + 5}-${size + 9}`, status: 416 },
    { range: 'bytes=-0', status: 416 },
    // Several ranges, or nonsense, are ignored: the whole file.
    { range: 'bytes=0-1,4-5', status: 200 },
    { range: 'lines=1-2', status: 200 },
    { range: 'bytes=9-2', status: 200 },
  ];
  for (const { range, status, start, end } of cases) {
    test(`${range} gets ${status}`, async () => {
      const answer = await get('/data/bundle.json', { headers: { range } });
      assert.equal(answer.status, status);
      if (status === 206) {
        assert.equal(answer.headers['content-range'], `bytes ${start}-${end}/${size}`);
        assert.deepEqual(answer.body, Buffer.from(BUNDLE).subarray(start, end + 1));
      } else if (status === 416) {
        assert.equal(answer.headers['content-range'], `bytes */${size}`);
      } else {
        assert.equal(answer.body.toString(), BUNDLE);
      }
    });
  }

  test('a gzipped answer ignores Range and sends the whole file', async () => {
    const answer = await get('/data/bundle.json', { headers: { range: 'bytes=0-9', 'accept-encoding': 'gzip' } });
    assert.equal(answer.status, 200);
    assert.equal(answer.headers['content-encoding'], 'gzip');
    assert.equal(answer.headers['content-range'], undefined);
  });

  test('If-Range with another version sends the whole file', async () => {
    const answer = await get('/data/bundle.json', { headers: { range: 'bytes=0-9', 'if-range': '"not-this-one"' } });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.toString(), BUNDLE);
  });
});

test('a file with a precompressed copy is sent as that copy to a client that takes gzip, and as itself to one that does not', async () => {
  const zipped = await get(`/${SCRIPT_NAME}`, { headers: { 'accept-encoding': 'gzip, deflate' } });
  assert.equal(zipped.status, 200);
  assert.equal(zipped.headers['content-encoding'], 'gzip');
  assert.equal(zipped.headers['content-type'], 'text/javascript; charset=utf-8');
  assert.ok(zipped.body.equals(SCRIPT_GZ), 'the gzipped answer is not the precompressed copy');
  assert.equal(zipped.headers.vary, 'accept-encoding');
  assert.equal(gunzipSync(zipped.body).toString(), SCRIPT);
  const plain = await get(`/${SCRIPT_NAME}`);
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(plain.body.toString(), SCRIPT);
  // A file without a copy is compressed by the server, as before.
  const news = await get('/news', { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(news.headers['content-encoding'], 'gzip');
  assert.equal(gunzipSync(news.body).toString(), NEWS);
});

test('a slow client blocks nobody and is cut off after the timeout', async () => {
  const server = await startServer({ root: shared.root, headersTimeout: 1_000, requestTimeout: 2_000 });
  try {
    const opened = Date.now();
    // Read (and drop) what the server sends, or its closing the connection would go unseen.
    const closed = (socket) => new Promise((resolve) => socket.resume().on('close', () => resolve(Date.now() - opened)));
    // One sends half a request line and stalls; the other dribbles a header a byte at a time.
    const stalled = connect(server.port, '127.0.0.1');
    stalled.on('error', () => {});
    stalled.write('GET /ne');
    const dribbler = connect(server.port, '127.0.0.1');
    dribbler.on('error', () => {});
    dribbler.write('GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    const drip = setInterval(() => dribbler.write('a'), 100);
    const waits = Promise.all([closed(stalled), closed(dribbler)]);

    const answer = await get('/news', { url: server.url });
    assert.equal(answer.status, 200);
    assert.ok(Date.now() - opened < 1_000, 'the normal request was answered at once');

    const timer = setTimeout(() => {
      stalled.destroy(new Error('still open'));
      dribbler.destroy(new Error('still open'));
    }, 10_000);
    const [stalledAfter, dribblerAfter] = await waits;
    clearTimeout(timer);
    clearInterval(drip);
    assert.ok(stalledAfter >= 900 && stalledAfter < 5_000, `the stalled client was cut off after ${stalledAfter} ms`);
    assert.ok(dribblerAfter >= 900 && dribblerAfter < 5_000, `the dribbling one after ${dribblerAfter} ms`);
  } finally {
    await server.close();
  }
});

test('methods other than GET and HEAD get 405, outside /api/', async () => {
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
    const answer = await raw('/news', { method, headers: { 'Content-Length': '0' } });
    assert.equal(answer.status, 405, method);
    assert.equal(answer.headers.allow, 'GET, HEAD');
  }
});

test('an error inside the handler gives 500, and the server goes on', async () => {
  let broken = true;
  const server = await startServer({
    root: () => {
      if (broken) throw new Error('no build deployed');
      return shared.root;
    },
  });
  try {
    assert.equal((await get('/news', { url: server.url })).status, 500);
    broken = false;
    assert.equal((await get('/news', { url: server.url })).status, 200);
  } finally {
    await server.close();
  }
});

test('a file named by its content is cached for a year, the manifest and the bundle are revalidated', async () => {
  const named = await get(`/data/${CONTENT_NAMED}`);
  assert.equal(named.status, 200);
  assert.equal(named.headers['cache-control'], 'public, max-age=31536000, immutable');
  for (const path of ['/data/manifest.json', '/data/bundle.json', '/news', '/data/cards/2026-11-0.0123.json']) {
    const answer = await get(path);
    assert.notEqual(answer.headers['cache-control'], 'public, max-age=31536000, immutable', path);
  }
  assert.equal((await get('/data/manifest.json')).headers['cache-control'], 'no-cache');
});

test('a site in a folder answers only inside it, and its /api/ reaches the receiver without the folder', async () => {
  const seen = [];
  const receiver = createServer((request, response) => {
    seen.push(request.url);
    response.end('taken');
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const api = `http://127.0.0.1:${receiver.address().port}`;
  const server = await startServer({ root: shared.root, base: '/news-app/', api: () => api });
  try {
    const at = { url: server.url };
    assert.match((await get('/news-app/', at)).body.toString(), /<title>home<\/title>/);
    assert.equal((await get('/news-app/news', at)).body.toString(), NEWS);
    assert.equal((await get('/news-app/data/bundle.json', at)).body.toString(), BUNDLE);
    assert.match((await get('/news-app/anything/else', at)).body.toString(), /<title>shell<\/title>/);
    const bare = await get('/news-app?lang=en', at);
    assert.equal(bare.status, 301);
    assert.equal(bare.headers.location, '/news-app/?lang=en');
    for (const outside of ['/', '/news', '/data/bundle.json', '/news-apps/', '/api/stories']) {
      assert.equal((await get(outside, at)).status, 404, outside);
    }
    const sent = await get('/news-app/api/stories?x=1', { ...at, method: 'POST', headers: { 'content-length': '0' } });
    assert.equal(sent.body.toString(), 'taken');
    assert.deepEqual(seen, ['/api/stories?x=1']);
    await assert.rejects(startServer({ root: shared.root, base: 'news-app' }), /must start and end with "\/"/);
  } finally {
    await server.close();
    await new Promise((resolve) => receiver.close(resolve));
  }
});
