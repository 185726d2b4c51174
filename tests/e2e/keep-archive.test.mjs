// End-to-end: "keep the whole archive on this device", over a dataset too large to be kept
// whole from the first visit. The offer says the space it takes; the download shows its
// progress, can be cancelled and resumed without fetching a file twice, goes on while
// another page is read; once kept, an article
// never opened reads with the server stopped; and the citizen can stop keeping it. The walk
// is a module of its own (src/ui/on_demand.rs), asked for only when keeping starts; without
// it, keeping stops and says so, and resumes once it is there. The offer is one too, drawn
// once the list is painted.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { axeViolations, launch, openPage } from './browser.mjs';
import { DIST, buildDataset, startServer } from './server.mjs';
import { names } from './device.mjs';

const bundle = JSON.parse(await readFile(join(DIST, 'data/bundle.json'), 'utf8'));
const walkModule = (await readdir(DIST)).find((name) => /^split_archive_walk-[0-9a-f]{16}\.wasm$/.test(name));
const sectionModule = (await readdir(DIST)).find((name) => /^split_keep_archive-[0-9a-f]{16}\.wasm$/.test(name));
const ITEMS = 2500;
const shared = {};

/** `count` items made from the default bundle's, one a day back from its newest. */
function generated(count) {
  const doc = structuredClone(bundle);
  const models = bundle.news;
  const newest = Date.parse('2026-11-01T09:00:00+07:00');
  doc.news = Array.from({ length: count }, (_, i) => {
    const item = structuredClone(models[i % models.length]);
    item.id = `archive-${i}`;
    item.published = new Date(newest - i * 86_400_000 * 0.7).toISOString();
    item.title = Object.fromEntries(Object.entries(item.title).map(([lang, title]) => [lang, `${title} (${i})`]));
    return item;
  });
  return doc;
}

async function filesUnder(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(relative(dir, join(entry.parentPath, entry.name)));
  }
  return out;
}

/**
 * The news page at `url`, opened again once a service worker controls it, as the offer to
 * keep the archive then shows: gives the offer's section.
 */
async function theOffer(page, url) {
  await page.goto(`${url}/news?lang=en`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  await page.reload();
  const section = page.getByTestId('keep-archive');
  await section.waitFor();
  return section;
}

before(async () => {
  shared.place = await mkdtemp(join(tmpdir(), 'city-comms-archive-'));
  await cp(DIST, shared.place, { recursive: true });
  const source = join(shared.place, 'generated.json');
  shared.source = generated(ITEMS);
  await writeFile(source, JSON.stringify(shared.source));
  await rm(join(shared.place, 'data'), { recursive: true });
  buildDataset(source, join(shared.place, 'data'));
  shared.manifest = JSON.parse(await readFile(join(shared.place, 'data/manifest.json'), 'utf8'));
  shared.files = (await filesUnder(join(shared.place, 'data'))).filter((path) => path !== 'manifest.json');
  shared.browser = await launch();
});
after(async () => {
  await shared.browser?.close();
  await rm(shared.place, { recursive: true, force: true });
});

test('the whole archive is kept on request, with progress, cancel and resume, and then reads offline', { timeout: 5 * 60_000 }, async () => {
  assert.ok(shared.manifest.total_bytes > 2 * 1024 * 1024, `${shared.manifest.total_bytes} bytes: more than a first visit keeps`);
  const asked = new Map();
  let slow = 0;
  const onRequest = async (url) => {
    const path = new URL(url, 'http://x').pathname;
    if (!path.startsWith('/data/') || path === '/data/manifest.json') return;
    asked.set(path, (asked.get(path) ?? 0) + 1);
    if (slow) await new Promise((resolve) => setTimeout(resolve, slow));
  };
  let server = await startServer({ root: shared.place, onRequest });
  const { page, context, errors } = await openPage(shared.browser);
  // The page's own requests, those the service worker answers included.
  const walkAsked = [];
  const sectionAsked = [];
  page.on('request', (request) => request.url().endsWith(`/${walkModule}`) && walkAsked.push(request.url()));
  page.on('request', (request) => request.url().endsWith(`/${sectionModule}`) && sectionAsked.push(request.url()));
  try {
    assert.ok(walkModule, 'dist/ has no split_archive_walk-<hash>.wasm');
    assert.ok(sectionModule, 'dist/ has no split_keep_archive-<hash>.wasm');
    const section = await theOffer(page, server.url);
    assert.deepEqual(walkAsked, [], 'the walk\'s module was asked for before keeping started');
    // The offer is drawn by a module of its own, which a small dataset never asks for
    // (on-demand.test.mjs: the news page asks for no module).
    assert.ok(sectionAsked.length > 0, 'the offer came without its module');
    const megabytes = (shared.manifest.total_bytes / 1_048_576).toFixed(1);
    assert.match(await section.innerText(), new RegExp(`about ${megabytes.replace('.', '\\.')} MB`));

    // Started, then cancelled part-way: what was read stays.
    asked.clear();
    slow = 40;
    await section.getByRole('button', { name: 'Keep the whole archive' }).focus();
    await page.keyboard.press('Enter');
    const progress = section.locator('progress');
    // The keyboard's focus moves to Cancel, and stays there while the bar moves on.
    await page.waitForFunction(() => document.activeElement?.id === 'archive-cancel', null, { timeout: 5_000 });
    await page.waitForFunction(() => Number(document.querySelector('.keep-archive progress')?.value) > 0, null, { timeout: 30_000 });
    assert.equal(walkAsked.length, 1, 'the walk\'s module, once');
    const first = Number(await progress.getAttribute('value'));
    await page.waitForFunction((was) => Number(document.querySelector('.keep-archive progress')?.value) > was, first, { timeout: 30_000 });
    assert.equal(await progress.getAttribute('max'), String(shared.manifest.total_bytes));
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'archive-cancel');
    await page.keyboard.press('Enter');
    await section.getByText(/Stopped at .* of .*What was downloaded stays on this device\./).waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.activeElement?.id === 'archive-resume', null, { timeout: 5_000 });
    assert.deepEqual(await axeViolations(page), [], 'stopped part-way');
    const partway = asked.size;
    assert.ok(partway > 0 && partway < shared.files.length, `${partway} of ${shared.files.length} files read before the cancel`);
    console.log(`${shared.files.length} files, ${megabytes} MB; ${partway} read before the cancel`);

    // Resumed, and the citizen reads another page meanwhile: the download goes on there,
    // and the news page shows how far it is on the way back. It ends with every file
    // read, none of them twice.
    slow = 150;
    await section.getByRole('button', { name: 'Resume' }).click();
    await page.waitForFunction((was) => Number(document.querySelector('.keep-archive progress')?.value) > was, 0, { timeout: 30_000 });
    await page.getByRole('navigation').getByRole('link', { name: 'Communication plan' }).click();
    await page.waitForURL(/\/plan/);
    const leaving = asked.size;
    await page.waitForFunction(() => !document.querySelector('[data-testid="keep-archive"]'), null, { timeout: 5_000 });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    assert.ok(asked.size > leaving, `files read on the plan's page: ${asked.size - leaving}`);
    slow = 0;
    await page.goBack();
    await section.waitFor();
    await section.getByText(/The whole archive is on this device/).waitFor({ timeout: 120_000 });
    assert.deepEqual(await axeViolations(page), [], 'kept');
    const twice = [...asked].filter(([, n]) => n > 1).map(([path]) => path);
    assert.deepEqual(twice, [], 'no file fetched twice');
    const kept = await page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname), names.dataFilesCache);
    const missing = shared.files.filter((path) => !kept.includes(`/data/${path}`));
    assert.deepEqual(missing, [], 'every file of the dataset is on the device');

    // With the server stopped, an article never opened is there to read.
    await server.close();
    const oldest = shared.source.news[ITEMS - 1];
    await page.goto(`${server.url}/news/${oldest.id}?lang=en`, { app: false });
    await page.locator('main h1').filter({ hasText: `(${ITEMS - 1})` }).waitFor({ timeout: 30_000 });

    // Stopping: the offer comes back.
    server = await startServer({ root: shared.place, port: server.port, onRequest });
    await page.goto(`${server.url}/news?lang=en`);
    await section.getByRole('button', { name: 'Stop keeping the whole archive' }).click();
    await section.getByRole('button', { name: 'Keep the whole archive' }).waitFor();
    assert.deepEqual(errors.filter((e) => !/Failed to load resource|net::ERR_/.test(e)), []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('a device with no room left still reads what it fetches, and keeping the whole archive stops and says why', { timeout: 5 * 60_000 }, async () => {
  const server = await startServer({ root: shared.place });
  const { page, context, errors } = await openPage(shared.browser);
  try {
    await page.goto(`${server.url}/news?lang=en`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    // The browser grants this site next to nothing more: every file it is asked to keep is
    // refused, as on a phone whose storage is full.
    const cdp = await context.newCDPSession(page);
    const full = () => cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(server.url).origin, quotaSize: 1024 });
    await full();
    const refused = await page.evaluate(() => caches.open('city-comms-probe').then((cache) => cache.put('/probe', new Response('x'.repeat(4096)))).then(() => 'kept', (error) => error.name));
    assert.equal(refused, 'QuotaExceededError', 'the device keeps nothing more');

    // An article never read comes from the network, though the device cannot keep it.
    const oldest = shared.source.news[ITEMS - 1];
    await page.goto(`${server.url}/news/${oldest.id}?lang=en`);
    await page.locator('main h1').filter({ hasText: `(${ITEMS - 1})` }).waitFor({ timeout: 30_000 });
    await page.locator('.article__body p').first().waitFor({ timeout: 30_000 });
    assert.ok((await page.locator('.article__body').innerText()).trim().length > 40, 'the article has its body');

    // Keeping the whole archive stops at the first file it cannot keep, and says why.
    await page.goto(`${server.url}/news?lang=en`);
    const section = page.getByTestId('keep-archive');
    await section.getByRole('button', { name: 'Keep the whole archive' }).click();
    await section.getByRole('alert').filter({ hasText: 'This device has no room left' }).waitFor({ timeout: 30_000 });
    await section.getByText(/Stopped at .* of .*/).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'archive-resume', null, { timeout: 5_000 });
    assert.deepEqual(await axeViolations(page), [], 'stopped for want of room');

    // Room made: resumed, it goes on to the end.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(server.url).origin });
    await section.getByRole('button', { name: 'Resume' }).click();
    await section.getByText(/The whole archive is on this device/).waitFor({ timeout: 120_000 });
    assert.deepEqual(errors.filter((e) => !/Failed to load resource|net::ERR_/.test(e)), []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('a walk whose module does not come stops and says so, and resumes once it is there', { timeout: 5 * 60_000 }, async () => {
  assert.ok(walkModule, 'dist/ has no split_archive_walk-<hash>.wasm');
  const replace = {};
  const server = await startServer({ root: shared.place, replace });
  const { page, context, errors } = await openPage(shared.browser);
  const uncaught = [];
  page.on('pageerror', (error) => uncaught.push(String(error)));
  try {
    const section = await theOffer(page, server.url);
    // Neither the device nor the server has the module: as on a device whose service
    // worker did not keep it, offline.
    replace[`/${walkModule}`] = null;
    const dropped = await page.evaluate(async (name) => {
      let count = 0;
      for (const key of await caches.keys()) {
        const cache = await caches.open(key);
        for (const request of await cache.keys()) {
          if (request.url.endsWith(`/${name}`) && (await cache.delete(request))) count += 1;
        }
      }
      return count;
    }, walkModule);
    assert.ok(dropped > 0, 'the service worker had kept the module');

    await section.getByRole('button', { name: 'Keep the whole archive' }).click();
    await section.getByRole('alert').filter({ hasText: 'could not be loaded over the network' }).waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.activeElement?.id === 'archive-resume', null, { timeout: 5_000 });
    assert.deepEqual(await axeViolations(page), [], 'stopped without its module');

    // The module is back: resumed, the walk goes on to the end.
    delete replace[`/${walkModule}`];
    await section.getByRole('button', { name: 'Resume' }).click();
    await section.getByText(/The whole archive is on this device/).waitFor({ timeout: 120_000 });
    // The module's loader logs the fetch that failed (wasm-split's own console.error).
    assert.deepEqual(errors.filter((e) => !/Failed to load resource|net::ERR_|^TypeError: Failed to fetch/.test(e)), []);
    assert.deepEqual(uncaught, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('an archive kept whole takes in the news published since, by itself, and reads it offline', { timeout: 5 * 60_000 }, async () => {
  const place = await mkdtemp(join(tmpdir(), 'city-comms-archive-next-'));
  await cp(shared.place, place, { recursive: true });
  const server = await startServer({ root: place });
  const { page, context, errors } = await openPage(shared.browser);
  try {
    const section = await theOffer(page, server.url);
    await section.getByRole('button', { name: 'Keep the whole archive' }).click();
    await section.getByText(/The whole archive is on this device/).waitFor({ timeout: 120_000 });

    // The next day's news is published over the dataset, as a host's rebuild leaves it.
    const next = structuredClone(shared.source);
    const item = structuredClone(next.news[0]);
    item.id = 'archive-next-day';
    item.published = '2026-11-02T09:00:00+07:00';
    item.title = { th: 'ตลาดน้ำยามค่ำเปิดใหม่ริมคลอง', en: 'A night floating market opens by the canal' };
    item.summary = { th: 'ตลาดน้ำยามค่ำเปิดแล้ว', en: 'The night floating market is open.' };
    item.body = { th: 'ตลาดน้ำยามค่ำเปิดให้บริการทุกวันศุกร์', en: 'The lanterns of the night floating market are lit every Friday.' };
    next.news.unshift(item);
    const source = join(place, 'next.json');
    await writeFile(source, JSON.stringify(next));
    buildDataset(source, join(place, 'data'));
    const published = (await filesUnder(join(place, 'data'))).filter((path) => path !== 'manifest.json');

    // The citizen opens the app again: it reads the new manifest, and keeps what is new.
    await page.reload();
    const held = () =>
      page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname), names.dataFilesCache);
    const deadline = Date.now() + 120_000;
    let missing = published;
    while (missing.length > 0 && Date.now() < deadline) {
      await page.waitForTimeout(500);
      const kept = new Set(await held());
      missing = published.filter((path) => !kept.has(`/data/${path}`));
    }
    assert.deepEqual(missing, [], 'every file of the new dataset is on the device');
    await section.getByText(/The whole archive is on this device/).waitFor({ timeout: 30_000 });

    // With the server stopped, the new article, never opened, reads, and a search finds it.
    await server.close();
    await page.goto(`${server.url}/news/archive-next-day?lang=en`, { app: false });
    await page.getByText('The lanterns of the night floating market are lit every Friday.').waitFor({ timeout: 30_000 });
    await page.goto(`${server.url}/news?lang=en&q=${encodeURIComponent('lanterns')}`, { app: false });
    await page.getByTestId('news-card').filter({ hasText: 'A night floating market opens by the canal' }).waitFor({ timeout: 30_000 });
    assert.deepEqual(errors.filter((e) => !/Failed to load resource|net::ERR_/.test(e)), []);
  } finally {
    await context.close();
    await server.close();
    await rm(place, { recursive: true, force: true });
  }
});
