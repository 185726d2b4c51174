// End-to-end at the city's scale: the release build with a generated archive published over
// it as the README tells a host to (the dataset compiled into data/, the pages prerendered
// from it, their previews, the service worker's list, the compressed copies), served by the
// README's host rules. Every answer is checked against the generated items themselves:
// the newest news first, a search, a district, a date range and their counts, each order and
// its later pages, an old article from its address, the home page and the plan, and that a
// first visit fetches only the manifest and the newest cards.
//
// `make test` runs it over SCALE_ITEMS=3000 items (a few seconds to compile); the size
// runs outside it, in a few minutes: `SCALE_ITEMS=100000 node --test tests/e2e/scale.test.mjs`
// (after `make build`).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, openPage } from './browser.mjs';
import { COMPILER, DIST, startServer } from './server.mjs';
import { newsItems, writeBundle } from '../bench/generate.mjs';
import { holds, searchedHay, terms, titleHay } from '../bench/truth.mjs';

const ITEMS = Number(process.env.SCALE_ITEMS ?? 3000);
const SITE = 'http://127.0.0.1:8080/';
// A word, two words, a quoted phrase with a space in it, an English word.
const QUERIES = ['คลอง', 'ผู้สูงอายุ บางกะปิ', '"bicycle lane"', 'flood'];
// The bound on the data of a first visit before its first card (issue 14).
const FIRST_VISIT_BYTES = 150 * 1024;
const MINUTES = 60_000;
const BUILD_SCRIPT = (name) => fileURLToPath(new URL(`../../src/build/${name}`, import.meta.url));
const shared = {};
// The nine policies the archive's source names (the default bundle's, which the generator
// carries over).
const POLICIES = JSON.parse(await readFile(new URL('../../public/data/bundle.json', import.meta.url), 'utf8')).policies;

/** Newest first, as the app numbers items: by publication, then id. */
const newestFirst = (a, b) => (a.published < b.published ? 1 : a.published > b.published ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * What the generated archive holds, item by item (without their text, so that 100,000 fit),
 * newest first, with the ids of the items that hold each of `QUERIES` and how many of its
 * terms their titles hold.
 */
function truthOf(count) {
  const wanted = QUERIES.map(terms);
  const items = [];
  const found = QUERIES.map(() => new Set());
  // For each query, how many of its terms the title of each item found holds.
  const inTitle = QUERIES.map(() => new Map());
  for (const n of newsItems(count)) {
    const hay = searchedHay(n);
    const titles = titleHay(n);
    wanted.forEach((t, q) => {
      if (!holds(hay, t)) return;
      found[q].add(n.id);
      inTitle[q].set(n.id, t.filter((term) => titles.includes(term)).length);
    });
    const { id, published, district, views, themes, policies } = n;
    // The end of an article's body, which no card shows (a paragraph opens with the title).
    const ending = n.body.th.split('\n\n').at(-1).slice(-40);
    items.push({ id, published, district, views, themes, policies, title: n.title.th, ending });
  }
  items.sort(newestFirst);
  const byId = new Map(items.map((item) => [item.id, item]));
  return { items, found, inTitle, byId };
}

before(async () => {
  shared.place = await mkdtemp(join(tmpdir(), 'city-comms-scale-'));
  await cp(DIST, shared.place, { recursive: true });
  // The default bundle's data and article pages go, as a new archive replaces them.
  await rm(join(shared.place, 'data'), { recursive: true });
  await rm(join(shared.place, 'news'), { recursive: true, force: true });
  const source = join(shared.place, 'archive.json');
  await writeBundle(source, ITEMS);
  const run = (command, args, env = {}) => execFileSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...env } });
  // The host's steps of the README's "Deploying", in its order (with twenty articles
  // prerendered where a build renders the newest 2,000, to keep the check quick).
  run(COMPILER, ['build', source, join(shared.place, 'data'), '--site-url', SITE]);
  run(process.execPath, [BUILD_SCRIPT('prerender.mjs'), shared.place, '--site-url', SITE], { PRERENDER_ARTICLES: '20' });
  run(COMPILER, ['previews', source, shared.place, '--site-url', SITE]);
  run(process.execPath, [BUILD_SCRIPT('finish.mjs'), shared.place]);
  run(COMPILER, ['precompress', shared.place]);
  // A city-sized site publishes no bundle file: no phone may download the archive.
  await rm(join(shared.place, 'data/bundle.json'), { force: true });
  await rm(source);
  shared.manifest = JSON.parse(await readFile(join(shared.place, 'data/manifest.json'), 'utf8'));
  shared.truth = truthOf(ITEMS);
  shared.server = await startServer({ root: shared.place });
  shared.browser = await launch();
}, { timeout: 20 * MINUTES });

after(async () => {
  await shared.browser?.close();
  await shared.server?.close();
  if (shared.place) await rm(shared.place, { recursive: true, force: true });
});

const count = async (page) => Number(await page.getByTestId('result-count').innerText());

/** The news page at `params`, once its list and its filters' counts are in. */
async function newsAt(page, params) {
  await page.goto(`${shared.server.url}/news?${params}`);
  await page.locator('.results[aria-busy=false]').waitFor({ timeout: MINUTES });
  return count(page);
}

/** The ids of the cards listed, in order: each card's heading links to its article. */
async function listedIds(page) {
  const links = await page.getByTestId('news-card').getByRole('heading').getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  return links.map((href) => decodeURIComponent(href.split('/news/')[1].split(/[?#]/)[0]));
}

/** "Show more news" until `n` cards are listed. */
async function showUntil(page, n) {
  while ((await page.getByTestId('news-card').count()) < n) {
    const before = await page.getByTestId('news-card').count();
    await page.getByRole('button', { name: /แสดงข่าวเพิ่ม|Show more news/ }).click();
    await page.waitForFunction((b) => document.querySelectorAll('[data-testid=news-card]').length > b, before, { timeout: MINUTES });
  }
}

/**
 * The data files the page asks for: `files()` waits until none has been on its way for a
 * second, then gives each path with the bytes it took on the wire.
 */
function dataFetched(page) {
  const seen = [];
  let open = 0;
  let quietSince = performance.now();
  const done = () => {
    open -= 1;
    quietSince = performance.now();
  };
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (!path.startsWith('/data/')) return;
    open += 1;
    seen.push(
      request.response()
        .then((response) => response?.finished())
        .then(() => request.sizes())
        .then((sizes) => ({ path: path.slice('/data/'.length), bytes: sizes.responseBodySize }))
        .catch(() => ({ path: path.slice('/data/'.length), bytes: 0 }))
        .finally(done),
    );
  });
  const files = async () => {
    while (open > 0 || performance.now() - quietSince < 1000) await new Promise((r) => setTimeout(r, 100));
    return Promise.all(seen);
  };
  return { files };
}

test(`a first visit to ${ITEMS} items shows the newest first and fetches only the manifest and the newest cards`, { timeout: 5 * MINUTES }, async (t) => {
  const { items } = shared.truth;
  // Before the app starts, the prerendered page already lists the archive's newest news.
  const still = await shared.browser.newContext({ javaScriptEnabled: false, locale: 'th-TH' });
  const plain = await still.newPage();
  await plain.goto(`${shared.server.url}/news`);
  const prerendered = (await plain.getByTestId('news-card').first().getByRole('heading').innerText()).trim();
  assert.equal(prerendered, items[0].title);
  await still.close();

  const { page, errors, context } = await openPage(shared.browser, { serviceWorkers: 'block' });
  const fetched = dataFetched(page);
  assert.equal(await newsAt(page, ''), ITEMS);
  assert.deepEqual(await listedIds(page), items.slice(0, 20).map((n) => n.id));
  const files = await fetched.files();
  const paths = files.map((f) => f.path);
  // The manifest and the newest part of the cards, and at most the part before it.
  const newest = shared.manifest.cards.slice(0, 2).map((part) => part.file.path);
  assert.ok(paths.includes('manifest.json') && paths.includes(newest[0]), paths.join(' '));
  assert.deepEqual(paths.filter((p) => p !== 'manifest.json' && !newest.includes(p)), []);
  const bytes = files.reduce((sum, f) => sum + f.bytes, 0);
  assert.ok(bytes <= FIRST_VISIT_BYTES, `${bytes} bytes of data on a first visit`);
  t.diagnostic(`${ITEMS} items: a first visit fetched ${paths.length} data files, ${(bytes / 1024).toFixed(1)} KB on the wire`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a search, a district and a date range count exactly what the archive holds, and list only that', { timeout: 10 * MINUTES }, async () => {
  const { items, found, byId } = shared.truth;
  const { page, errors, context } = await openPage(shared.browser, { serviceWorkers: 'block' });
  const fetched = dataFetched(page);
  for (const [i, query] of QUERIES.entries()) {
    assert.ok(found[i].size > 0, `${query}: the generated archive holds it`);
    const listed = await newsAt(page, `q=${encodeURIComponent(query)}`);
    assert.equal(listed, found[i].size, `${query}: listed ${listed}, ${found[i].size} hold it`);
    const ids = await listedIds(page);
    assert.equal(ids.length, Math.min(20, found[i].size), query);
    assert.deepEqual(ids.filter((id) => !found[i].has(id)), [], `${query}: cards that do not hold it`);
  }
  assert.ok(!(await fetched.files()).some((f) => f.path === 'bundle.json'), 'the archive was never downloaded whole');

  // A district: its news, newest first, and its count beside its name.
  const district = items[Math.floor(items.length / 3)].district;
  const inDistrict = items.filter((n) => n.district === district);
  assert.equal(await newsAt(page, `district=${district}`), inDistrict.length);
  assert.deepEqual(await listedIds(page), inDistrict.slice(0, 20).map((n) => n.id));
  await page.locator('#news-filters[aria-busy=false]').waitFor({ state: 'attached', timeout: MINUTES });
  const shown = await page.locator(`label[for="f-district-${district}"] .facet__count`).innerText();
  assert.equal(shown, `(${inDistrict.length})`);

  // A date range with a search: what both allow, the count of a policy beside its name.
  // Both ends are days of news that holds the word, so that a range one day short shows.
  const hits = items.filter((n) => found[0].has(n.id));
  const from = hits[Math.floor(hits.length * 0.6)].published;
  const to = hits[Math.floor(hits.length * 0.4)].published;
  const inRange = items.filter((n) => n.published >= from && n.published <= to && found[0].has(n.id));
  assert.equal(await newsAt(page, `q=${encodeURIComponent(QUERIES[0])}&from=${from}&to=${to}`), inRange.length);
  const ranged = await listedIds(page);
  assert.equal(ranged.length, Math.min(20, inRange.length));
  assert.deepEqual(ranged.filter((id) => !inRange.includes(byId.get(id))), []);
  await page.locator('#news-filters[aria-busy=false]').waitFor({ state: 'attached', timeout: MINUTES });
  const policy = 'environment';
  const withPolicy = inRange.filter((n) => n.policies.includes(policy)).length;
  assert.equal(await page.locator(`label[for="f-policy-${policy}"] .facet__count`).innerText(), `(${withPolicy})`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('each order lists the archive in that order, page after page', { timeout: 10 * MINUTES }, async () => {
  const { items } = shared.truth;
  const { page, errors, context } = await openPage(shared.browser, { serviceWorkers: 'block' });
  // Oldest first, three pages in: the oldest news of the archive, in order.
  assert.equal(await newsAt(page, 'sort=oldest'), ITEMS);
  await showUntil(page, 60);
  const oldest = [...items].reverse();
  assert.deepEqual(await listedIds(page), oldest.slice(0, 60).map((n) => n.id));
  // By views, past the compiler's file of the most viewed (40): equal views newest first.
  const byViews = items.map((n, at) => ({ n, at })).sort((a, b) => b.n.views - a.n.views || a.at - b.at);
  assert.equal(await newsAt(page, 'sort=views'), ITEMS);
  await showUntil(page, 60);
  assert.deepEqual(await listedIds(page), byViews.slice(0, 60).map(({ n }) => n.id));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a search by views lists first the items whose titles hold it, then the most viewed, page after page', { timeout: 10 * MINUTES }, async () => {
  const { items, found, inTitle } = shared.truth;
  const { page, errors, context } = await openPage(shared.browser, { serviceWorkers: 'block' });
  const fetched = dataFetched(page);
  for (const q of [0, 2]) {
    // More of the query's terms in the title first, then more views, then the newest.
    const hits = items.map((n, at) => ({ n, at })).filter(({ n }) => found[q].has(n.id));
    const titled = ({ n }) => inTitle[q].get(n.id);
    hits.sort((a, b) => titled(b) - titled(a) || b.n.views - a.n.views || a.at - b.at);
    const shown = Math.min(40, hits.length);
    assert.equal(await newsAt(page, `q=${encodeURIComponent(QUERIES[q])}&sort=views`), hits.length);
    // The first cards may come before the rest of the page's.
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=news-card]').length >= n, Math.min(20, shown), { timeout: MINUTES });
    await showUntil(page, shown);
    assert.deepEqual(await listedIds(page), hits.slice(0, shown).map(({ n }) => n.id), QUERIES[q]);
  }
  // Their cards come from the compiler's parts by views, not a month's part each.
  if (shared.manifest.views_cards?.length) {
    const paths = (await fetched.files()).map((f) => f.path);
    assert.ok(paths.some((p) => p.startsWith('cards/by-views.')), paths.join(' '));
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('an old article opens from its address, with its own text, fetching its file and not the archive', { timeout: 5 * MINUTES }, async () => {
  const { items } = shared.truth;
  const old = items[items.length - 7];
  const { page, errors, context } = await openPage(shared.browser, { serviceWorkers: 'block' });
  const fetched = dataFetched(page);
  await page.goto(`${shared.server.url}/news/${encodeURIComponent(old.id)}`);
  await page.getByRole('heading', { level: 1, name: old.title }).waitFor({ timeout: MINUTES });
  const body = await page.locator('.article__body').innerText();
  assert.ok(body.replace(/\s+/g, ' ').includes(old.ending.replace(/\s+/g, ' ')), `the article's own text: ${old.ending}`);
  const paths = (await fetched.files()).map((f) => f.path);
  assert.equal(paths.filter((p) => p.startsWith('articles/')).length, 1, paths.join(' '));
  assert.ok(!paths.some((p) => p.startsWith('index/') || p.startsWith('facets/')), paths.join(' '));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the home page shows the newest news and the plan its nine policies', { timeout: 5 * MINUTES }, async () => {
  const { items } = shared.truth;
  const { page, errors, context } = await openPage(shared.browser, { serviceWorkers: 'block' });
  await page.goto(`${shared.server.url}/`);
  await page.getByTestId('news-card').first().waitFor({ timeout: MINUTES });
  assert.equal((await listedIds(page))[0], items[0].id);
  await page.goto(`${shared.server.url}/plan`);
  await page.locator('.policy-card__name').first().waitFor({ timeout: MINUTES });
  const names = (await page.locator('.policy-card__name').allInnerTexts()).map((name) => name.trim());
  assert.deepEqual(names, POLICIES.map((policy) => policy.name.th));
  assert.deepEqual(errors, []);
  await context.close();
});
