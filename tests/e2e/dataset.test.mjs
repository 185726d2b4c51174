// The dataset the build compiles from the default bundle (dist/data/, issue 14), as a host
// serves it: the manifest and the files it names arrive gzipped, each file's bytes hash to
// the name it is listed under, and a search reads the index's directory and one chunk.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startServer, DIST } from './server.mjs';

const shared = {};
before(async () => {
  shared.server = await startServer();
});
after(async () => {
  await shared.server?.close();
});

async function get(path) {
  const response = await fetch(`${shared.server.url}/data/${path}`, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(response.status, 200, path);
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** A listed file, checked against the hash in its name. */
async function listed(file) {
  const { response, bytes } = await get(file.path);
  assert.equal(bytes.length, file.bytes, file.path);
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  assert.ok(file.path.includes(`.${hash}.`), `${file.path} holds bytes hashing to ${hash}`);
  return { response, bytes };
}

test('the manifest lists the default bundle\'s 34 items, newest month first, and its files are there as named', async () => {
  const { response, bytes } = await get('manifest.json');
  assert.equal(response.headers.get('content-encoding'), 'gzip');
  const manifest = JSON.parse(bytes);
  const source = JSON.parse(await readFile(join(DIST, "data/bundle.json"), 'utf8'));
  assert.equal(manifest.format, 'city-comms-dataset/6');
  assert.equal(manifest.items, source.news.length);
  assert.equal(manifest.cards.reduce((sum, part) => sum + part.count, 0), source.news.length);
  const newestSource = source.news.map((n) => n.published).sort().at(-1);
  const { bytes: newest } = await listed(manifest.cards[0].file);
  const cards = JSON.parse(newest).cards;
  assert.equal(cards[0].published.slice(0, 10), newestSource.slice(0, 10));
  const { bytes: article } = await listed({ path: cards[0].article, bytes: (await get(cards[0].article)).bytes.length });
  const body = JSON.parse(article).articles.find((a) => a.id === cards[0].id).body.th;
  assert.equal(body, source.news.find((n) => n.id === cards[0].id).body.th);
  for (const file of [...manifest.ids, ...manifest.facets, ...manifest.views, ...manifest.index.flatMap((segment) => segment.parts.map((part) => part.file))]) await listed(file);
});

test('the index directory leads to chunks that start with the index\'s mark', async () => {
  const manifest = JSON.parse((await get('manifest.json')).bytes);
  const [part] = manifest.index[0].parts;
  const directory = JSON.parse((await listed(part.file)).bytes);
  assert.equal(directory.firsts[0], part.first);
  assert.equal(directory.firsts.length, directory.chunks.length);
  const { bytes } = await listed(directory.chunks[0]);
  assert.equal(bytes.subarray(0, 4).toString('latin1'), 'CCX2');
});
