// End-to-end: the app reading the compiled dataset beside it (`data/manifest.json`, what it
// reads unless the address names another source), on the release build: the same news as the
// bundle, found the same way, with only the files a view needs fetched; a site that publishes
// only a bundle still works; and a damaged, cut-off, altered or missing file is named where it
// is needed while the rest keeps working.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPage } from './browser.mjs';
import { sharedBrowserAndServer } from './shared.mjs';
import { execFileSync } from 'node:child_process';
import { COMPILER, DIST, buildDataset, bundleOnly, startServer } from './server.mjs';
import { names } from './device.mjs';

const bundle = JSON.parse(await readFile(join(DIST, 'data/bundle.json'), 'utf8'));
const manifest = JSON.parse(await readFile(join(DIST, 'data/manifest.json'), 'utf8'));
const shared = sharedBrowserAndServer();

const count = async (page) => Number(await page.getByTestId('result-count').innerText());

/** Waits until the list shows `n` results and its first card. */
async function settled(page, n) {
  await page.locator('.results[aria-busy=false]').waitFor();
  await page.waitForFunction((n) => document.querySelector('[data-testid=result-count]')?.textContent === String(n), n);
  if (n > 0) await page.getByTestId('news-card').first().waitFor();
}

async function headlines(page) {
  const more = page.getByRole('button', { name: /แสดงข่าวเพิ่ม|Show more news/ });
  while (await more.count()) {
    const before = await page.getByTestId('news-card').count();
    await more.click();
    await page.waitForFunction((b) => document.querySelectorAll('[data-testid=news-card]').length > b, before);
  }
  return (await page.getByTestId('news-card').getByRole('heading').allTextContents()).map((t) => t.trim());
}

/** The data files the page asked for. */
function dataRequests(page) {
  const seen = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/data/')) seen.push(path.slice('/data/'.length));
  });
  return seen;
}

test('the list over the dataset shows every item newest first, and a first visit fetches the manifest and the newest cards only', async () => {
  const { page, errors, context } = await openPage(shared.browser);
  const fetched = dataRequests(page);
  await page.goto(`${shared.server.url}/news`);
  await settled(page, bundle.news.length);
  const first = await page.getByTestId('news-card').count();
  assert.equal(first, 20, 'one page of cards');
  assert.deepEqual(fetched.filter((p) => !p.startsWith('cards/')), ['manifest.json']);
  assert.ok(fetched.includes(manifest.cards[0].file.path), fetched.join(' '));
  assert.ok(!fetched.some((p) => p.startsWith('index/') || p.startsWith('facets/') || p === 'bundle.json'), fetched.join(' '));

  const shown = await headlines(page);
  const newestFirst = [...bundle.news].sort((a, b) => (a.published < b.published ? 1 : a.published > b.published ? -1 : a.id < b.id ? 1 : -1));
  assert.deepEqual(shown, newestFirst.map((n) => n.title.th));
  assert.deepEqual(errors, []);
  await context.close();
});

test('search, filters and their counts over the dataset agree with the bundle read whole', async () => {
  const answers = {};
  for (const source of ['whole', 'dataset']) {
    const { page, errors, context } = await openPage(shared.browser);
    const fetched = dataRequests(page);
    const extra = source === 'dataset' ? `` : '';
    answers[source] = {};
    for (const [name, params] of [['คลอง', 'q=คลอง'], ['ขยะ ชุมชน', 'q=ขยะ+ชุมชน'], ['group', 'group=thon-nuea'], ['theme+q', `theme=${bundle.plan.themes[0].id}&q=เขต`], ['nothing', 'q=ไม่มีคำนี้แน่นอน']]) {
      await page.goto(`${shared.server.url}/news?${params}${extra}`);
      // The dataset answers once its files are here: the results, and the filters' counts
      // (a search alone lists its items first), say so with aria-busy.
      await page.locator('.results[aria-busy=false]').waitFor();
      await page.locator('#news-filters[aria-busy=false]').waitFor({ state: 'attached' });
      const counts = await page.locator('.facet__count').allInnerTexts();
      answers[source][name] = { count: await count(page), counts, cards: (await page.getByTestId('news-card').getByRole('heading').allTextContents()).sort() };
    }
    if (source === 'dataset') {
      assert.ok(fetched.some((p) => p.startsWith('index/chunk.')), `the search read index chunks: ${fetched.join(' ')}`);
      assert.ok(!fetched.includes('bundle.json'), 'and never the bundle');
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
  assert.ok(answers.whole['คลอง'].count > 0);
  assert.equal(answers.whole.nothing.count, 0);
  assert.deepEqual(answers.dataset, answers.whole);
});

/**
 * Waits for the app's page to take the place of the one it came with, and checks that it did
 * so because its cards were here, not because the app gave up waiting for counts held back
 * (`names.revealWaitMs` after it was ready to show, src/ui/app.rs): the app is ready to show
 * well within a second here, so a reveal as late as the fallback can only be the fallback's.
 */
async function revealedBeforeFallback(page) {
  const at = await page.evaluate(() => new Promise((done) => {
    const check = () => (document.documentElement.dataset.app === 'ready' ? done(performance.now()) : requestAnimationFrame(check));
    check();
  }));
  assert.ok(at < names.revealWaitMs, `the app showed its page ${Math.round(at)} ms after navigation: it waited for the counts`);
}

/**
 * A server of the build whose answers to the requests `holds(url)` picks wait until
 * `release()`. When the test ends, pass or fail, they are released and the server is closed:
 * a failed check then fails the test at once, not at the suite's timeout.
 */
async function serverHolding(t, holds, options = {}) {
  let release;
  const released = new Promise((resolve) => (release = resolve));
  const server = await startServer({ ...options, onRequest: (url) => (holds(url) ? released : undefined) });
  t.after(async () => {
    release();
    await server.close();
  });
  return { server, release };
}

test('a first search lists its cards while the filter columns are still on their way, then counts them', async (t) => {
  // The filter columns (every item's row, for the counts) are held back until released.
  const { server, release } = await serverHolding(t, (url) => url.startsWith('/data/facets/'));
  const { page, errors, context } = await openPage(shared.browser);
  await page.goto(`${server.url}/news?q=${encodeURIComponent('คลอง')}`);
  await revealedBeforeFallback(page);
  await page.getByTestId('news-card').first().waitFor();
  await page.locator('.results[aria-busy=false]').waitFor();
  const listed = await count(page);
  const whole = bundle.news.filter((n) => JSON.stringify(n).includes('คลอง')).length;
  assert.ok(listed > 0 && listed <= whole, `${listed} listed, ${whole} hold the word`);
  // Meanwhile the filters say they are busy and show no count rather than a wrong one.
  assert.equal(await page.locator('#news-filters').getAttribute('aria-busy'), 'true');
  assert.deepEqual([...new Set(await page.locator('.facet__count').allTextContents())], ['']);
  release();
  await page.locator('#news-filters[aria-busy=false]').waitFor({ state: 'attached' });
  const counts = (await page.locator('.facet__count').allTextContents()).map((t) => Number(t.replace(/[()]/g, '')));
  assert.ok(counts.every((n) => Number.isInteger(n)) && counts.some((n) => n > 0), counts.join(' '));
  assert.equal(await count(page), listed, 'the count of results did not change');
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a phone, a first search downloads no filter row until the folded filters are opened', async () => {
  const { page, errors, context } = await openPage(shared.browser, { width: 360, height: 780 });
  const rows = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/data/facets/')) rows.push(request.url());
  });
  await page.goto(`${shared.server.url}/news?q=${encodeURIComponent('คลอง')}`);
  await page.getByTestId('news-card').first().waitFor();
  await page.locator('.results[aria-busy=false]').waitFor();
  const listed = await count(page);
  const whole = bundle.news.filter((n) => JSON.stringify(n).includes('คลอง')).length;
  assert.ok(listed > 0 && listed <= whole, `${listed} listed, ${whole} hold the word`);
  await page.waitForLoadState('networkidle');
  assert.deepEqual(rows, [], 'the counts of a folded panel are not downloaded');
  // Opened, the panel counts the search's items.
  await page.locator('button[aria-controls=news-filters]').click();
  await page.locator('#news-filters[aria-busy=false] .facet__count').first().waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll('.facet__count')].some((c) => /\d/.test(c.textContent)));
  assert.ok(rows.length > 0, 'the filter rows are read once the panel is open');
  const counts = (await page.locator('.facet__count').allTextContents()).map((t) => Number(t.replace(/[()]/g, '')));
  assert.ok(counts.every((n) => Number.isInteger(n)) && counts.some((n) => n > 0), counts.join(' '));
  assert.equal(await count(page), listed, 'the count of results did not change');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a later search keeps the last counts in sight until its own come, and marks its own words', async () => {
  // What the second search shows when it is the page's first.
  const later = 'ขยะ';
  const fresh = await openPage(shared.browser);
  await fresh.page.goto(`${shared.server.url}/news?q=${encodeURIComponent(later)}`);
  await fresh.page.locator('.results[aria-busy=false]').waitFor();
  await fresh.page.locator('#news-filters[aria-busy=false]').waitFor({ state: 'attached' });
  const expected = { count: await count(fresh.page), counts: await fresh.page.locator('.facet__count').allTextContents() };
  await fresh.context.close();
  assert.ok(expected.count > 0 && expected.counts.every((c) => /^\(\d+\)$/.test(c)), JSON.stringify(expected));

  const { page, errors, context } = await openPage(shared.browser);
  await page.goto(`${shared.server.url}/news?q=${encodeURIComponent('คลอง')}`);
  await page.locator('.results[aria-busy=false]').waitFor();
  await page.locator('#news-filters[aria-busy=false]').waitFor({ state: 'attached' });
  assert.notEqual(await count(page), expected.count, 'the two searches find different numbers');
  // From here on, any moment at which a filter shows no count.
  await page.evaluate(() => {
    globalThis.blankCounts = 0;
    new MutationObserver(() => {
      if ([...document.querySelectorAll('.facet__count')].some((c) => c.textContent === '')) globalThis.blankCounts += 1;
    }).observe(document.querySelector('#news-filters'), { subtree: true, childList: true, characterData: true });
  });
  await page.locator('#news-q').fill(later);
  await settled(page, expected.count);
  await page.waitForFunction((counts) => document.querySelector('#news-filters')?.getAttribute('aria-busy') === 'false'
    && JSON.stringify([...document.querySelectorAll('.facet__count')].map((c) => c.textContent)) === JSON.stringify(counts), expected.counts);
  assert.equal(await page.evaluate(() => globalThis.blankCounts), 0, 'no count blinked out');
  const marked = await page.getByTestId('news-card').locator('mark').allTextContents();
  assert.ok(marked.length > 0 && marked.every((m) => m === later), `the cards mark the new search: ${[...new Set(marked)].join(' ')}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('ordered by views, a search typed after another lists what the bundle read whole lists, in its order', async () => {
  // The views are here after the first search, so the second lists its cards before its
  // counts, ordered from them (reader::early_items); the bundle read whole is the truth.
  const later = 'ขยะ';
  const holding = bundle.news.filter((n) => JSON.stringify(n).includes(later));
  const whole = await openPage(shared.browser);
  await whole.page.goto(`${shared.server.url}/news?bundle=data/bundle.json&sort=views&q=${encodeURIComponent(later)}`);
  await settled(whole.page, holding.length);
  const expected = await headlines(whole.page);
  await whole.context.close();
  const newestFirst = [...holding].sort((a, b) => (a.published < b.published ? 1 : -1)).map((n) => n.title.th);
  assert.equal(expected.length, holding.length);
  assert.notDeepEqual(expected, newestFirst, 'the order by views is not the newest first');

  const { page, errors, context } = await openPage(shared.browser);
  await page.goto(`${shared.server.url}/news?sort=views&q=${encodeURIComponent('คลอง')}`);
  await page.locator('#news-filters[aria-busy=false]').waitFor({ state: 'attached' });
  await page.locator('#news-q').fill(later);
  await settled(page, holding.length);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=news-card]').length === n, holding.length);
  assert.deepEqual(await headlines(page), expected);
  await page.locator('#news-filters[aria-busy=false]').waitFor({ state: 'attached' });
  assert.deepEqual(await headlines(page), expected, 'the same order once counted');
  assert.deepEqual(errors, []);
  await context.close();
});

test('ordered by views, a first visit lists its cards and counts from the most-viewed file and the manifest alone', async (t) => {
  const whole = await openPage(shared.browser);
  await whole.page.goto(`${shared.server.url}/news?bundle=data/bundle.json&sort=views`);
  await settled(whole.page, bundle.news.length);
  const expected = (await whole.page.getByTestId('news-card').getByRole('heading').allTextContents()).map((t) => t.trim());
  await whole.context.close();
  assert.equal(expected.length, 20);

  // Every item's views and filter row are held back: the first page needs neither.
  const { server, release } = await serverHolding(t, (url) => /^\/data\/(facets|views)\//.test(url));
  const { page, errors, context } = await openPage(shared.browser);
  await page.goto(`${server.url}/news?sort=views`);
  await revealedBeforeFallback(page);
  await page.waitForFunction((expected) => JSON.stringify([...document.querySelectorAll('[data-testid=news-card] .news-card__title')]
    .map((h) => h.textContent.trim())) === JSON.stringify(expected), expected);
  assert.equal(await count(page), bundle.news.length);
  // Every item by views is counted as every item is: by the manifest, with nothing held back.
  await page.locator('#news-filters[aria-busy=false]').waitFor({ state: 'attached' });
  const counts = await page.locator('.facet__count').allTextContents();
  assert.ok(counts.every((c) => /^\(\d+\)$/.test(c)), counts.join(' '));
  assert.ok(counts.some((c) => c !== '(0)'), counts.join(' '));
  release();
  assert.deepEqual((await page.getByTestId('news-card').getByRole('heading').allTextContents()).map((t) => t.trim()), expected);
  assert.deepEqual(errors, []);
  await context.close();
});

/**
 * The build with a dataset of 3,000 generated items beside it, in `big/`: made once, for
 * the tests that need more items than the default data has, and removed after them.
 */
let big3000;
function bigSite() {
  big3000 ??= (async () => {
    const { writeBundle } = await import('../bench/generate.mjs');
    const place = await mkdtemp(join(tmpdir(), 'city-comms-big-'));
    await cp(DIST, place, { recursive: true });
    await writeBundle(join(place, 'big.json'), 3000);
    buildDataset(join(place, 'big.json'), join(place, 'big'));
    return { place, big: JSON.parse(await readFile(join(place, 'big/manifest.json'), 'utf8')) };
  })();
  return big3000;
}
after(async () => {
  if (big3000) await rm((await big3000).place, { recursive: true, force: true });
});

test('a search over 3,000 items reads only the parts of the index directory its words are in, and finds what the compiler finds', async () => {
  const { place, big } = await bigSite();
  const listedParts = big.index.flatMap((segment) => segment.parts);
  assert.ok(listedParts.length > big.index.length, `${listedParts.length} parts in ${big.index.length} segments`);
  const server = await startServer({ root: place });
  const { page, errors, context } = await openPage(shared.browser);
  const asked = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/big/index/directory.')) asked.push(path.slice('/big/'.length));
  });
  const read = new Set();
  for (const q of ['คลอง', 'ขยะ', 'Bang Kapi']) {
    const answer = JSON.parse(execFileSync(COMPILER, ['query', join(place, 'big'), q], { encoding: 'utf8' }));
    const parts = answer.files.filter((f) => f.startsWith('index/directory.'));
    parts.forEach((part) => read.add(part));
    asked.length = 0;
    await page.goto(`${server.url}/news?bundle=big/manifest.json&q=${encodeURIComponent(q)}`);
    await settled(page, answer.found);
    assert.deepEqual([...new Set(asked)].sort(), [...parts].sort(), q);
  }
  assert.ok(read.size > 1, 'the queries between them need more than one part');
  assert.deepEqual(expectedErrors(errors), []);
  await context.close();
  await server.close();
});

/** The titles of the 3,000 items in `place`, most viewed first; equal views, the newest first (by time, then id), as the compiler numbers them. */
async function titlesByViews(place) {
  const source = JSON.parse(await readFile(join(place, 'big.json'), 'utf8'));
  const newer = (a, b) => Date.parse(b.published) - Date.parse(a.published) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
  return [...source.news].sort((a, b) => (b.views ?? 0) - (a.views ?? 0) || newer(a, b)).map((n) => n.title.th);
}

test('ordered by views over 3,000 items, two pages come from the most-viewed file, a third reads every item\'s views', async (t) => {
  const { place, big } = await bigSite();
  const expected = await titlesByViews(place);
  const holds = (url) => /^\/big\/(views|facets)\//.test(url);
  const { server, release } = await serverHolding(t, holds, { root: place });
  const { page, errors, context } = await openPage(shared.browser);
  const cardFiles = [];
  const views = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/big/cards/')) cardFiles.push(path.slice('/big/'.length));
    if (path.startsWith('/big/views/')) views.push(path);
  });
  const titles = async () => (await page.getByTestId('news-card').getByRole('heading').allTextContents()).map((t) => t.trim());
  const cards = (n) => page.waitForFunction((n) => document.querySelectorAll('[data-testid=news-card]').length === n, n);
  await page.goto(`${server.url}/news?bundle=big/manifest.json&sort=views`);
  await cards(20);
  assert.equal(await count(page), big.items, 'the count is the whole archive\'s');
  assert.deepEqual(await titles(), expected.slice(0, 20));
  const more = page.getByRole('button', { name: /แสดงข่าวเพิ่ม|Show more news/ });
  await more.click();
  await cards(40);
  assert.deepEqual(await titles(), expected.slice(0, 40));
  assert.deepEqual([...new Set(cardFiles)], [big.most_viewed.path], 'no month of cards was read');
  assert.equal(await page.locator('#news-filters').getAttribute('aria-busy'), 'false', 'counted by the manifest');
  assert.ok((await page.locator('.facet__count').allTextContents()).some((c) => /^\([1-9]\d*\)$/.test(c)));
  assert.deepEqual(views, [], 'no view read for the first two pages');

  // A third page needs the rest of the order: every item's views (held back until released).
  await more.click();
  await page.waitForFunction(() => document.querySelector('.results')?.getAttribute('aria-busy') === 'true');
  assert.ok(views.length > 0, 'the views were asked for');
  assert.equal(await page.getByTestId('news-card').count(), 40);
  release();
  await cards(60);
  assert.equal(await count(page), big.items);
  assert.deepEqual(await titles(), expected.slice(0, 60));
  assert.deepEqual(expectedErrors(errors), []);
  await context.close();
});

test('ordered by views over 3,000 items, a first search lists its first page from the order file, before any item\'s views', async (t) => {
  const { place } = await bigSite();
  const q = 'คลอง';
  const { found } = JSON.parse(execFileSync(COMPILER, ['query', join(place, 'big'), q], { encoding: 'utf8' }));
  assert.ok(found > 20, `${found} found`);
  // The truth: the same items' bundle, read whole, searched and ordered by views.
  const truth = await startServer({ root: place });
  const whole = await openPage(shared.browser);
  await whole.page.goto(`${truth.url}/news?bundle=big.json&sort=views&q=${encodeURIComponent(q)}`);
  await settled(whole.page, found);
  const expected = (await whole.page.getByTestId('news-card').getByRole('heading').allTextContents()).map((t) => t.trim());
  await whole.context.close();
  await truth.close();
  assert.equal(expected.length, 20);

  // Every item's views and filter rows are held back: the first page needs neither.
  const { server, release } = await serverHolding(t, (url) => /^\/big\/(views|facets)\//.test(url), { root: place });
  const { page, errors, context } = await openPage(shared.browser);
  const asked = [];
  page.on('request', (request) => asked.push(new URL(request.url()).pathname));
  await page.goto(`${server.url}/news?bundle=big/manifest.json&sort=views&q=${encodeURIComponent(q)}`);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=news-card]').length === n, 20);
  assert.deepEqual((await page.getByTestId('news-card').getByRole('heading').allTextContents()).map((t) => t.trim()), expected);
  assert.equal(await count(page), found);
  assert.ok(asked.some((path) => path.startsWith('/big/cards/views-order.')), 'the order file was read');
  // Once the views and the counts come, the page stays as it is.
  release();
  await page.locator('#news-filters[aria-busy=false]').waitFor({ state: 'attached' });
  assert.deepEqual((await page.getByTestId('news-card').getByRole('heading').allTextContents()).map((t) => t.trim()), expected);
  assert.deepEqual(expectedErrors(errors), []);
  await context.close();

  // A host that lost the order file: the same first page, from every item's views, and
  // no notice, since nothing the citizen asked for is missing.
  const { big } = await bigSite();
  const lost = await startServer({ root: place, replace: { [`/big/${big.views_order.path}`]: null } });
  t.after(() => lost.close());
  const second = await openPage(shared.browser);
  const refused = [];
  second.page.on('response', (response) => response.status() === 404 && refused.push(new URL(response.url()).pathname));
  await second.page.goto(`${lost.url}/news?bundle=big/manifest.json&sort=views&q=${encodeURIComponent(q)}`);
  await second.page.waitForFunction((n) => document.querySelectorAll('[data-testid=news-card]').length === n, 20);
  const secondTitles = async () => (await second.page.getByTestId('news-card').getByRole('heading').allTextContents()).map((t) => t.trim());
  assert.deepEqual(await secondTitles(), expected);
  // Then the counts come (every item's filter row), and the page stays as it is.
  await second.page.waitForFunction(() => [...document.querySelectorAll('.facet__count')].some((c) => /^\([1-9]\d*\)$/.test(c.textContent)));
  await second.page.locator('#news-filters[aria-busy=false]').waitFor({ state: 'attached' });
  assert.deepEqual(await secondTitles(), expected);
  assert.ok(refused.length > 0, 'the order file was asked for');
  assert.deepEqual([...new Set(refused)], [`/big/${big.views_order.path}`], 'only the order file was refused');
  assert.equal(await count(second.page), found);
  assert.equal(await second.page.locator('.notice--error, [role=alert]').count(), 0, 'no notice');
  assert.deepEqual(expectedErrors(second.errors), []);
  await second.context.close();
});

/**
 * A search of the 3,000 items whose first page is spread over many card files: the files
 * of its first four results (newest first: the highest ordinals), what a screen shows at
 * most, and of its first twenty.
 */
async function spreadSearch() {
  const { place, big } = await bigSite();
  const q = 'Bang Kapi';
  const answer = JSON.parse(execFileSync(COMPILER, ['query', join(place, 'big'), q], { encoding: 'utf8' }));
  const newest = [...answer.ordinals].sort((a, b) => b - a);
  const fileOf = (o) => big.cards.find((part) => o >= part.first && o < part.first + part.count).file.path;
  return { place, q, answer, screen: new Set(newest.slice(0, 4).map(fileOf)), page20: new Set(newest.slice(0, 20).map(fileOf)) };
}

test('a search whose first page is spread over many card files shows a screenful while the rest are on their way', async (t) => {
  const { place, q, answer, screen, page20 } = await spreadSearch();
  // The card files of the first four are served; every other card file waits until released.
  assert.ok(answer.found > 20 && page20.size > screen.size, `${answer.found} found, in ${page20.size} files`);
  const held = [];
  const holds = (url) => {
    const path = url.split('?')[0].replace(/^\/big\//, '');
    if (!path.startsWith('cards/') || screen.has(path)) return false;
    held.push(path);
    return true;
  };
  const { server, release } = await serverHolding(t, holds, { root: place });
  const { page, errors, context } = await openPage(shared.browser);
  await page.goto(`${server.url}/news?bundle=big/manifest.json&q=${encodeURIComponent(q)}`);
  await page.waitForFunction((n) => document.querySelector('[data-testid=result-count]')?.textContent === String(n), answer.found);
  await page.getByTestId('news-card').first().waitFor({ timeout: 10_000 });
  const early = await page.getByTestId('news-card').getByRole('heading').allTextContents();
  assert.ok(early.length >= 1 && early.length < 20, `${early.length} cards drawn before the held files came`);
  assert.equal(await page.locator('.results').getAttribute('aria-busy'), 'true', 'the list says more is coming');
  release();
  await settled(page, answer.found);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=news-card]').length === 20);
  const whole = await page.getByTestId('news-card').getByRole('heading').allTextContents();
  assert.deepEqual(whole.slice(0, early.length), early, 'the first cards stay where they were');
  // The counts, asked for before the rest of the cards were, still come.
  await page.locator('#news-filters[aria-busy=false]').waitFor({ state: 'attached' });
  assert.ok((await page.locator('.facet__count').allTextContents()).some((c) => /^\([1-9]\d*\)$/.test(c)), 'the filters show counts');
  assert.ok(held.length > 0, 'the rest of the page came from the held files');
  assert.deepEqual(expectedErrors(errors), []);
  await context.close();
});

test('a card file missing from the rest of a first page is named, and the counts still come', async () => {
  const { place, q, screen, page20 } = await spreadSearch();
  const missing = [...page20].find((file) => !screen.has(file));
  assert.ok(missing, 'the first page needs a file beyond the first screen\'s');
  let asked = 0;
  const server = await startServer({
    root: place,
    replace: { [`/big/${missing}`]: null },
    onRequest: (url) => { if (url.split('?')[0] === `/big/${missing}`) asked += 1; },
  });
  const { page, errors, context } = await openPage(shared.browser);
  await page.goto(`${server.url}/news?bundle=big/manifest.json&q=${encodeURIComponent(q)}`);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), new RegExp(missing.replace(/[.]/g, '\\.')), 'the message names the file');
  assert.ok(await page.getByTestId('news-card').count() >= 1, 'the cards at hand are shown');
  await page.locator('#news-filters[aria-busy=false]').waitFor({ state: 'attached' });
  assert.ok((await page.locator('.facet__count').allTextContents()).some((c) => /^\([1-9]\d*\)$/.test(c)), 'the filters show counts');
  await page.locator('.results[aria-busy=false]').waitFor();
  // Not asked for again and again.
  await page.waitForTimeout(1000);
  assert.ok(asked >= 1 && asked <= 2, `the missing file was asked for ${asked} times`);
  assert.deepEqual(expectedErrors(errors), []);
  await context.close();
  await server.close();
});

test('an article opened from the dataset shows its body, fetched when it is opened', async () => {
  const { page, errors, context } = await openPage(shared.browser);
  const fetched = dataRequests(page);
  await page.goto(`${shared.server.url}/news`);
  await settled(page, bundle.news.length);
  assert.ok(!fetched.some((p) => p.startsWith('articles/')));
  const card = page.getByTestId('news-card').first();
  const title = await card.getByRole('heading').innerText();
  await card.getByRole('link').first().click();
  const item = bundle.news.find((n) => n.title.th === title);
  const firstParagraph = item.body.th.split(/\n\s*\n/)[0].replace(/\s+/g, ' ').trim();
  await page.getByText(firstParagraph.slice(0, 40)).first().waitFor();
  assert.equal(await page.locator('main h1').innerText(), title);
  assert.ok(fetched.some((p) => p.startsWith('articles/')));
  assert.deepEqual(errors, []);
  await context.close();
});

/** A copy of dist/ to damage, served on its own. */
async function damagedCopy(damage) {
  const place = await mkdtemp(join(tmpdir(), 'city-comms-dataset-'));
  await cp(DIST, place, { recursive: true });
  await damage(join(place, 'data'));
  return { place, server: await startServer({ root: place }) };
}

const expectedErrors = (errors) => errors.filter((e) => !/Failed to load resource/.test(e));

test('an altered card file is named, in Thai, where its cards would be; older news still shows', async () => {
  // The 3,000 items have many card files (the default data's few fit in one).
  const { place: big3000Place, big } = await bigSite();
  const target = big.cards[0].file.path;
  const place = await mkdtemp(join(tmpdir(), 'city-comms-dataset-'));
  await cp(big3000Place, place, { recursive: true });
  const text = await readFile(join(place, 'big', target), 'utf8');
  await writeFile(join(place, 'big', target), text.replace('"th":"', '"th":"แก้ไข '));
  const server = await startServer({ root: place });
  const { page, errors, context } = await openPage(shared.browser);
  await page.goto(`${server.url}/news?bundle=big/manifest.json`);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), new RegExp(target.replace(/[.]/g, '\\.')));
  assert.match(await alert.innerText(), /เสียหายหรือถูกแก้ไข/);
  // The news of the first day, in the oldest card file, still shows.
  const oldestPart = JSON.parse(await readFile(join(place, 'big', big.cards.at(-1).file.path), 'utf8'));
  const oldest = oldestPart.cards.at(-1);
  await page.goto(`${server.url}/news?bundle=big/manifest.json&to=${oldest.published.slice(0, 10)}`);
  await page.getByTestId('news-card').first().waitFor();
  const shown = await page.getByTestId('news-card').getByRole('heading').allTextContents();
  assert.ok(shown.includes(oldest.title.th), `${oldest.title.th} among ${shown.join(' | ')}`);
  assert.equal(await page.getByRole('alert').count(), 0, 'no alert for a list the altered file has no part in');
  assert.deepEqual(expectedErrors(errors), []);
  await context.close();
  await server.close();
  await rm(place, { recursive: true, force: true });
});

test('an altered most-viewed file costs a list by views its head start, not its cards', async () => {
  const { place: big3000Place, big } = await bigSite();
  const place = await mkdtemp(join(tmpdir(), 'city-comms-dataset-'));
  await cp(big3000Place, place, { recursive: true });
  const target = join(place, 'big', big.most_viewed.path);
  await writeFile(target, (await readFile(target, 'utf8')).replace('"th":"', '"th":"แก้ไข '));
  const server = await startServer({ root: place });
  const { page, errors, context } = await openPage(shared.browser);
  await page.goto(`${server.url}/news?bundle=big/manifest.json&sort=views`);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=news-card]').length === 20);
  await page.locator('.results[aria-busy=false]').waitFor();
  const shown = (await page.getByTestId('news-card').getByRole('heading').allTextContents()).map((t) => t.trim());
  assert.deepEqual(shown, (await titlesByViews(place)).slice(0, 20), 'the same cards, from the views and the month files');
  assert.equal(await count(page), big.items);
  assert.equal(await page.getByRole('alert').count(), 0, 'nothing the list needed was lost');
  assert.deepEqual(expectedErrors(errors), []);
  await context.close();
  await server.close();
  await rm(place, { recursive: true, force: true });
});

test('a cut-off card file is named, in English, where its cards would be', async () => {
  const target = manifest.cards[0].file.path;
  const { place, server } = await damagedCopy(async (data) => {
    const bytes = await readFile(join(data, target));
    await writeFile(join(data, target), bytes.subarray(0, Math.floor(bytes.length / 2)));
  });
  const { page, errors, context } = await openPage(shared.browser);
  await page.goto(`${server.url}/?lang=en`);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), new RegExp(`The data file ${target.replace(/[.]/g, '\\.')} is damaged`));
  assert.equal(await page.locator('main h1').count(), 1, 'the page itself is there');
  assert.deepEqual(expectedErrors(errors), []);
  await context.close();
  await server.close();
  await rm(place, { recursive: true, force: true });
});

test('bundle= chooses the source: a bundle file read whole, or a dataset by its directory', async () => {
  for (const [address, expected] of [
    ['bundle=data/bundle.json', 'bundle.json'],
    ['bundle=data/', 'manifest.json'],
  ]) {
    const { page, errors, context } = await openPage(shared.browser);
    const fetched = dataRequests(page);
    await page.goto(`${shared.server.url}/news?${address}`);
    await settled(page, bundle.news.length);
    assert.equal(fetched[0], expected, fetched.join(' '));
    assert.equal(fetched.includes(expected === 'bundle.json' ? 'manifest.json' : 'bundle.json'), false, fetched.join(' '));
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test("bundle= reads another origin's data only when the site's own data lists that origin", async () => {
  // A district's site (another port: another origin) publishes a bundle with a news item
  // of its own, and lets other origins read it (CORS).
  const district = structuredClone(bundle);
  const newest = district.news.reduce((a, b) => (b.published > a.published ? b : a));
  newest.title.th = 'ข่าวจากเว็บไซต์ของเขต';
  const other = await startServer({ headers: { 'Access-Control-Allow-Origin': '*' }, replace: bundleOnly(JSON.stringify(district)) });
  // The city's site lists it in embed_origins; the shared server's data does not.
  const listing = structuredClone(manifest);
  listing.bundle.config.embed_origins = [...(listing.bundle.config.embed_origins ?? []), other.url];
  const city = await startServer({ replace: { '/data/manifest.json': JSON.stringify(listing) } });
  const address = `/news?bundle=${encodeURIComponent(`${other.url}/data/bundle.json`)}`;

  const { page, errors, context } = await openPage(shared.browser);
  await page.goto(`${city.url}${address}`);
  await page.getByRole('heading', { name: 'ข่าวจากเว็บไซต์ของเขต' }).waitFor({ timeout: 10_000 }).catch(async (error) => {
    throw new Error(`${error.message}\n${(await page.locator('main').innerText()).slice(0, 400)}\n${errors.join(' | ')}`);
  });
  assert.deepEqual(expectedErrors(errors), []);

  await page.goto(`${shared.server.url}${address}&lang=en`);
  const refusal = page.getByTestId('bundle-error');
  await refusal.waitFor();
  const said = await refusal.innerText();
  assert.ok(said.includes(other.url) && said.includes('does not list'), said);
  assert.equal(await page.getByText('ข่าวจากเว็บไซต์ของเขต').count(), 0);
  await context.close();
  await Promise.all([other.close(), city.close()]);
});

test('a site that publishes only a bundle file is read from it', async () => {
  const server = await startServer({ replace: bundleOnly(JSON.stringify(bundle)) });
  const { page, errors, context } = await openPage(shared.browser);
  const fetched = dataRequests(page);
  await page.goto(`${server.url}/news`);
  await settled(page, bundle.news.length);
  // The manifest is asked for first (perhaps twice: the preload, then the app), then the
  // bundle. (This build's pages were rendered from its dataset, so they also preload the
  // newest cards, which the app then never reads.)
  const listed = (await readFile(join(DIST, 'news.html'), 'utf8')).match(/\bdata-files="([^"]*)"/)[1].split(' ');
  try {
    assert.deepEqual([...new Set(fetched)].filter((f) => !listed.includes(f)), ['manifest.json', 'bundle.json']);
    assert.deepEqual(expectedErrors(errors), []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('a missing index chunk is named when a search needs it, and the list without a search still works', async () => {
  const listed = manifest.index.flatMap((segment) => segment.parts);
  const parts = await Promise.all(listed.map(async (part) => JSON.parse(await readFile(join(DIST, 'data', part.file.path), 'utf8'))));
  const { place, server } = await damagedCopy(async (data) => {
    for (const chunk of parts.flatMap((directory) => directory.chunks)) await rm(join(data, chunk.path));
  });
  const { page, errors, context } = await openPage(shared.browser);
  await page.goto(`${server.url}/news?q=คลอง`);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /index\/chunk\./);
  await page.goto(`${server.url}/news`);
  await settled(page, bundle.news.length);
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.deepEqual(expectedErrors(errors), []);
  await context.close();
  await server.close();
  await rm(place, { recursive: true, force: true });
});

test('a manifest of an unknown format version is refused with a message naming it', async () => {
  const { place, server } = await damagedCopy(async (data) => {
    await writeFile(join(data, 'manifest.json'), JSON.stringify({ ...manifest, format: 'city-comms-dataset/9' }));
  });
  const { page, context } = await openPage(shared.browser);
  await page.goto(`${server.url}/news`, { app: false });
  const error = page.getByTestId('bundle-error');
  await error.waitFor();
  assert.match(await error.innerText(), /city-comms-dataset\/9/);
  await context.close();
  await server.close();
  await rm(place, { recursive: true, force: true });
});
