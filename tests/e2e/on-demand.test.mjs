// End-to-end: the pages fetched on demand (src/ui/on_demand.rs). The news is read without
// their modules; a page's module comes when the page is first opened; a module that does not
// come gives a page that says why (gone from the site, changed on the way, refused, no
// connection) and offers a reload or another try. A kiosk's forgetting of the last
// person and its QR codes are modules too, fetched as the kiosk starts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import { openPage, waitForTheApp } from './browser.mjs';
import { names, putInOutbox, readDeviceDb } from './device.mjs';
import { sharedBrowserAndServer } from './shared.mjs';
import { DIST, bundleOnly, startServer } from './server.mjs';

const shared = sharedBrowserAndServer();
const MODULE = /\/(split_[a-z_]+|chunk_\d+)-[0-9a-f]{16}\.wasm$/;
const storyModule = (await readdir(DIST)).find((name) => /^split_story_pages-[0-9a-f]{16}\.wasm$/.test(name));
const kioskModule = (await readdir(DIST)).find((name) => /^split_kiosk_forget-[0-9a-f]{16}\.wasm$/.test(name));
const qrModule = (await readdir(DIST)).find((name) => /^split_qr_code-[0-9a-f]{16}\.wasm$/.test(name));
const wholeModule = (await readdir(DIST)).find((name) => /^split_whole_bundle-[0-9a-f]{16}\.wasm$/.test(name));
const FORM_TITLE = { th: 'เล่าเรื่องดี ๆ ของกรุงเทพฯ', en: 'Share a good Bangkok story' };

test('the build cuts the story pages into a module of their own, and exports no benchmark hooks', async () => {
  assert.ok(storyModule, 'dist/ has no split_story_pages-<hash>.wasm');
  // The search benchmark's exports (the search-bench feature) would keep the bundle's whole
  // validation and index in the main module.
  const glue = (await readdir(DIST)).find((name) => /^city-comms-[0-9a-f]+\.js$/.test(name));
  assert.ok(glue, 'dist/ has no city-comms-<hash>.js');
  assert.doesNotMatch(await readFile(`${DIST}${glue}`, 'utf8'), /SearchBench/);
});

test('the app\'s files are sent as their precompressed copies, smaller than gzip -9, and the app runs on them', async () => {
  const files = await readdir(DIST);
  // Trunk leaves out the leading zeros of its 64-bit hash: 8 to 16 digits.
  const named = files.filter((name) => /-[0-9a-f]{8,16}(_bg)?\.(wasm|js|css)$/.test(name));
  assert.ok(named.some((name) => name.endsWith('_bg.wasm')) && named.some((name) => name.endsWith('.css')), named.join(' '));
  for (const name of named) {
    assert.ok(files.includes(`${name}.gz`), `dist/ has no ${name}.gz`);
    const [body, copy] = await Promise.all([readFile(`${DIST}${name}`), readFile(`${DIST}${name}.gz`)]);
    assert.ok(gunzipSync(copy).equals(body), `${name}.gz does not hold ${name}`);
  }
  const main = named.find((name) => name.endsWith('_bg.wasm'));
  const copy = await readFile(`${DIST}${main}.gz`);
  const level9 = gzipSync(await readFile(`${DIST}${main}`), { level: 9 });
  assert.ok(copy.length < level9.length, `${main}.gz is ${copy.length} bytes, gzip -9 ${level9.length}`);

  const { page, errors, context } = await openPage(shared.browser);
  const sent = page.waitForResponse((response) => response.url().endsWith(`/${main}`));
  await page.goto(`${shared.server.url}/news`);
  const response = await sent;
  assert.equal(response.headers()['content-encoding'], 'gzip');
  assert.equal((await response.request().sizes()).responseBodySize, copy.length);
  await page.getByTestId('news-card').first().waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('the news is read without the pages on demand, and the form brings its module and takes focus', async () => {
  const { page, errors, context } = await openPage(shared.browser);
  const asked = [];
  page.on('request', (request) => MODULE.test(new URL(request.url()).pathname) && asked.push(new URL(request.url()).pathname));
  await page.goto(`${shared.server.url}/news`);
  await page.getByTestId('news-card').first().waitFor();
  // The app's page is ready (openPage's goto waits for it); what it would ask for after its
  // first paint (the offer to keep the archive) would be asked for within a second of it.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 1_000))));
  assert.deepEqual(asked, [], 'the news page asked for a page module');

  await page.getByRole('navigation').getByRole('link', { name: 'เรื่องเล่า', exact: true }).click();
  await page.getByRole('link', { name: 'เล่าเรื่องของคุณ' }).click();
  const heading = page.locator('main h1');
  await heading.filter({ hasText: FORM_TITLE.th }).waitFor();
  assert.ok(asked.includes(`/${storyModule}`), `the form came without its module: ${asked}`);
  // As after any move to another page, the new page's heading has focus, once it is there.
  await page.waitForFunction(() => document.activeElement === document.querySelector('main h1'), null, { timeout: 10_000 });
  // The form works: its fields are there.
  assert.ok((await page.locator('main form input, main form textarea').count()) > 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a page whose module does not come says why in Thai and English, and what to do: reload, or try again', async () => {
  const replace = { [`/${storyModule}`]: null };
  const server = await startServer({ replace });
  // No service worker: the page's own fetch of the module is the one that fails.
  const context = await shared.browser.newContext({ serviceWorkers: 'block', locale: 'en-GB' });
  const page = await context.newPage();
  waitForTheApp(page);
  const uncaught = [];
  page.on('pageerror', (error) => uncaught.push(String(error)));
  const heading = page.locator('main h1');
  const says = async (words) => {
    await page.getByRole('alert').filter({ hasText: words }).waitFor();
    assert.equal((await heading.innerText()).trim(), 'เปิดหน้านี้ไม่ได้');
    // The app took the loader's reason: none is left to tell a later failure.
    assert.equal(await page.evaluate((name) => globalThis[name], names.moduleFailure.global), undefined);
  };
  try {
    // The site no longer has the module, as after an update: reload for the new version.
    // (English from the browser's language; the switch's Thai is remembered over a reload.)
    await page.goto(`${server.url}/stories/new`);
    await heading.filter({ hasText: 'This page could not be opened' }).waitFor();
    assert.match(await page.getByRole('alert').innerText(), /updated after this page was opened/);
    await page.getByTestId('lang-switch').click();
    await says(/ได้รับการปรับปรุงหลังจากเปิดหน้านี้/);
    assert.equal(await page.getByRole('button', { name: 'ลองอีกครั้ง' }).count(), 0);

    // A module that is not the build's own (one byte changed on the way) is not run, and the
    // page says it was changed on the way. The reload is a new document.
    const real = await readFile(`${DIST}${storyModule}`);
    const tampered = Buffer.from(real);
    tampered[tampered.length - 1] ^= 1;
    replace[`/${storyModule}`] = tampered;
    await page.evaluate(() => (window.beforeReload = true));
    await page.getByRole('button', { name: 'โหลดหน้านี้ใหม่' }).click();
    await says(/ถูกเปลี่ยนระหว่างทาง/);
    assert.equal(await page.evaluate(() => window.beforeReload), undefined, 'the page was not loaded again');

    // The build's own bytes, sent as something else than a wasm module (a host's rules
    // wrong): the site cannot send it; try again later.
    replace[`/${storyModule}`] = { type: 'text/html', body: real };
    await page.getByRole('button', { name: 'ลองอีกครั้ง' }).click();
    await says(/ส่งส่วนนี้ของแอปมาไม่ได้ในขณะนี้/);

    // No connection: check it and try again.
    delete replace[`/${storyModule}`];
    await context.setOffline(true);
    await page.getByRole('button', { name: 'ลองอีกครั้ง' }).click();
    await says(/ตรวจสอบการเชื่อมต่อ/);

    // The site refuses it for now: try again later.
    await context.setOffline(false);
    replace[`/${storyModule}`] = { status: 503 };
    await page.getByRole('button', { name: 'ลองอีกครั้ง' }).click();
    await says(/ส่งส่วนนี้ของแอปมาไม่ได้ในขณะนี้/);
    delete replace[`/${storyModule}`];

    // The module is back: trying again brings the form, in the language chosen.
    await page.getByRole('button', { name: 'ลองอีกครั้ง' }).click();
    await heading.filter({ hasText: FORM_TITLE.th }).waitFor();
    assert.deepEqual(uncaught, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('a site with only a bundle file reads it through a module of its own; without the module the page says so and tries again', async () => {
  // (A published dataset never asks for the module: the first test sees no module at all.)
  assert.ok(wholeModule, 'dist/ has no split_whole_bundle-<hash>.wasm');
  const replace = { ...bundleOnly(await readFile(`${DIST}data/bundle.json`, 'utf8')), [`/${wholeModule}`]: null };
  const server = await startServer({ replace });
  const context = await shared.browser.newContext({ serviceWorkers: 'block', locale: 'en-GB' });
  const page = await context.newPage();
  const asked = [];
  page.on('request', (request) => MODULE.test(new URL(request.url()).pathname) && asked.push(new URL(request.url()).pathname));
  const uncaught = [];
  page.on('pageerror', (error) => uncaught.push(String(error)));
  try {
    await page.goto(`${server.url}/news?lang=en`);
    const alert = page.getByTestId('bundle-error');
    await alert.waitFor();
    assert.match(await alert.innerText(), /could not be loaded over the network/);
    assert.ok(asked.includes(`/${wholeModule}`), `the bundle was read without its module: ${asked}`);
    assert.equal(await page.getByTestId('news-card').count(), 0);

    // The module is back: trying again reads the bundle, and its news is listed.
    delete replace[`/${wholeModule}`];
    await alert.getByRole('button', { name: 'Try again' }).click();
    await page.getByTestId('news-card').first().waitFor();
    const bundle = JSON.parse(await readFile(`${DIST}data/bundle.json`, 'utf8'));
    await page.waitForFunction((n) => document.querySelector('[data-testid=result-count]')?.textContent === String(n), bundle.news.length);
    assert.deepEqual(uncaught, []);
  } finally {
    await context.close();
    await server.close();
  }
});

/** Waits until the kiosk, having started over, shows its home page. */
async function startedOver(page) {
  await page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('mode') === 'kiosk', { timeout: 30_000 });
  await page.waitForFunction(() => document.documentElement.dataset.app === 'ready', null, { timeout: 30_000 });
}

/** A story the receiver refused, with its author and contact, as the app keeps it. */
function refusedStory(id, author) {
  const now = new Date().toISOString();
  return {
    id,
    created: Date.now(),
    request: {
      id, created_at: now, lang: 'th', title: 'เรื่องที่ถูกปฏิเสธ', text: 'ข้อความ', district: '1001',
      author, contact: { email: 'kiosk-person@example.com' },
      consent: { privacy_notice_version: 'v1', given_at: now },
      client: { mode: 'kiosk', app_version: 'test' },
    },
    delivery: { state: 'rejected', status: 422, reason: 'Too short' },
  };
}

/** A record this version cannot read, as a later version might write one: it stays. */
const laterVersion = { id: 'ffffffff-0000-4000-8000-000000000000', written_by: 'a later version of the app' };
/** A later version's record in a state this version does not know: it stays. */
const laterState = { id: 'dddddddd-0000-4000-8000-000000000000', delivery: { state: 'held_for_review' } };
/** A later version's delivered story, with its author, that this version cannot read whole: it goes. */
const laterSent = {
  id: 'eeeeeeee-0000-4000-8000-000000000000',
  request: { author: 'คนก่อนหน้า', shape: 'of a later version' },
  delivery: { state: 'sent', receipt: 'of a later version' },
};
/** Every record of a later version, put into the outbox. */
async function putLaterVersions(page) {
  for (const entry of [laterVersion, laterState, laterSent]) await putInOutbox(page, entry);
}

test('a kiosk fetches its forgetting as it starts, and its reset forgets a refused story with it, keeping what it cannot read', async () => {
  assert.ok(kioskModule, 'dist/ has no split_kiosk_forget-<hash>.wasm');
  const { page, errors, context } = await openPage(shared.browser);
  try {
    const fetched = page.waitForRequest((request) => request.url().endsWith(`/${kioskModule}`), { timeout: 15_000 });
    fetched.catch(() => {}); // (awaited below; heard here should the page fail first)
    await page.goto(`${shared.server.url}/stories/new?mode=kiosk&idle=3`);
    // Asked for before anyone touches the kiosk.
    await fetched;
    await putInOutbox(page, refusedStory('11111111-2222-4333-8444-555555555555', 'คนก่อนหน้า'));
    // On its way, with a field a later version added: kept as it is, that field too.
    const onItsWay = { ...refusedStory('22222222-3333-4444-8555-666666666666', 'ผู้เขียนที่ยังรอส่ง'), added_later: 'kept' };
    onItsWay.delivery = { state: 'queued', attempts: 0, next_at: Date.now() + 3_600_000 };
    await putInOutbox(page, onItsWay);
    await putLaterVersions(page);
    await page.getByLabel('ชื่อเรื่อง').fill('ร่างของคนก่อนหน้า');
    await page.getByTestId('kiosk-countdown').waitFor({ timeout: 15_000 });
    await startedOver(page);
    const device = await readDeviceDb(page);
    assert.deepEqual(device.drafts, []);
    assert.deepEqual(device.outbox, [onItsWay, laterState, laterVersion], 'a refused or delivered story is still on the kiosk, or one it should keep is gone or changed');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

/**
 * Opens `url` in a new page of `context` and waits for the app to ask for `module`, which the
 * server refuses (404): a kiosk asks for its modules as it starts. Gives the page and the
 * uncaught errors it has had.
 */
async function openRefused(context, url, module) {
  const page = await context.newPage();
  waitForTheApp(page);
  const uncaught = [];
  page.on('pageerror', (error) => uncaught.push(String(error)));
  const refused = page.waitForResponse((response) => response.url().endsWith(`/${module}`), { timeout: 15_000 });
  refused.catch(() => {}); // (awaited below; heard here should the page fail first)
  await page.goto(url);
  assert.equal((await refused).status(), 404);
  return { page, uncaught };
}

test('a kiosk whose forgetting cannot be fetched deletes what has left or was refused, keeps what is on its way or unreadable, and starts over', async () => {
  assert.ok(kioskModule, 'dist/ has no split_kiosk_forget-<hash>.wasm');
  let server;
  let context;
  try {
    server = await startServer({ replace: { [`/${kioskModule}`]: null } });
    context = await shared.browser.newContext({ serviceWorkers: 'block', locale: 'th-TH' });
    const { page, uncaught } = await openRefused(context, `${server.url}/stories/new?mode=kiosk&idle=3`, kioskModule);
    const onItsWay = { ...refusedStory('22222222-3333-4444-8555-666666666666', 'ผู้เขียนที่ยังรอส่ง') };
    onItsWay.delivery = { state: 'queued', attempts: 0, next_at: Date.now() + 3_600_000 };
    await putInOutbox(page, onItsWay);
    await putInOutbox(page, refusedStory('11111111-2222-4333-8444-555555555555', 'คนก่อนหน้า'));
    await putLaterVersions(page);
    await page.getByLabel('ชื่อเรื่อง').fill('ยังไม่ได้ส่ง');
    await page.getByTestId('kiosk-countdown').waitFor({ timeout: 15_000 });
    await startedOver(page);
    const device = await readDeviceDb(page);
    assert.deepEqual(device.drafts, []);
    assert.deepEqual(device.outbox.map((entry) => entry.id), [onItsWay.id, laterState.id, laterVersion.id], 'a refused or delivered story is still on the kiosk, or one it should keep is gone');
    assert.equal(device.outbox[0].request.author, 'ผู้เขียนที่ยังรอส่ง', 'a story on its way is kept whole');
    assert.deepEqual(uncaught, []);
  } finally {
    await context?.close();
    await server?.close();
  }
});

test('a kiosk fetches its QR codes as it starts; without them the dialog says so in Thai and English, keeps the address, and draws the code once they come', async () => {
  assert.ok(qrModule, 'dist/ has no split_qr_code-<hash>.wasm');
  const replace = { [`/${qrModule}`]: null };
  let server;
  let context;
  try {
    server = await startServer({ replace });
    context = await shared.browser.newContext({ serviceWorkers: 'block', locale: 'th-TH' });
    // Asked for before anyone touches the kiosk.
    const { page, uncaught } = await openRefused(context, `${server.url}/news?mode=kiosk`, qrModule);
    await page.getByTestId('news-card').first().waitFor();
    const dialog = page.locator('dialog[open]');
    const handOff = (name) => page.getByRole('banner').getByRole('button', { name }).click();

    await handOff('เปิดต่อบนมือถือ');
    await dialog.locator('.hand-off__missing').waitFor();
    assert.match(await dialog.locator('.hand-off__missing').innerText(), /แสดงคิวอาร์โค้ดไม่ได้/);
    assert.equal(await dialog.locator('.hand-off__address').innerText(), `${server.url}/news`);
    assert.equal(await dialog.locator('svg').count(), 0);
    await page.getByRole('button', { name: 'ปิด', exact: true }).click();

    await page.getByTestId('lang-switch').click();
    await handOff('Continue on your phone');
    await dialog.locator('.hand-off__missing').waitFor();
    assert.match(await dialog.locator('.hand-off__missing').innerText(), /QR code cannot be shown/);
    assert.match(await dialog.locator('.hand-off__address').innerText(), new RegExp(`^${server.url}/news\\b`));
    await page.getByRole('button', { name: 'Close', exact: true }).click();

    // The module is back: the dialog opened again draws the code.
    delete replace[`/${qrModule}`];
    await handOff('Continue on your phone');
    const code = dialog.locator('svg[role=img]');
    await code.waitFor();
    assert.match(await code.getAttribute('aria-label'), new RegExp(`^QR code for the link: ${server.url}/news\\b`));
    assert.equal(await dialog.locator('.hand-off__missing').count(), 0);
    assert.deepEqual(uncaught, []);
  } finally {
    await context?.close();
    await server?.close();
  }
});
