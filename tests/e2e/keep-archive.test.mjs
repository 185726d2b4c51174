// End-to-end: "keep the whole archive on this device", over a dataset too large to be kept
// whole from the first visit. The offer says the space it takes; the download shows its
// progress, can be cancelled and resumed without fetching a file twice, goes on while
// another page is read; once kept, an article
// never opened reads with the server stopped; and the citizen can stop keeping it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { axeViolations, launch, openPage } from './browser.mjs';
import { DIST, buildDataset, startServer } from './server.mjs';

const bundle = JSON.parse(await readFile(join(DIST, 'data/bundle.json'), 'utf8'));
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
  try {
    await page.goto(`${server.url}/news?lang=en`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    // The offer, once a service worker keeps what the page reads.
    await page.reload();
    const section = page.getByTestId('keep-archive');
    await section.waitFor();
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
    const kept = await page.evaluate(async () => (await (await caches.open('city-comms-data-files')).keys()).map((r) => new URL(r.url).pathname));
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
