// End-to-end: the pages fetched on demand (src/ui/on_demand.rs). The news is read without
// their modules; a page's module comes when the page is first opened; a module that cannot
// be fetched gives a page that says so and can try again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { openPage, waitForTheApp } from './browser.mjs';
import { sharedBrowserAndServer } from './shared.mjs';
import { DIST, startServer } from './server.mjs';

const shared = sharedBrowserAndServer();
const MODULE = /\/(split_[a-z_]+|chunk_\d+)-[0-9a-f]{16}\.wasm$/;
const storyModule = (await readdir(DIST)).find((name) => /^split_story_pages-[0-9a-f]{16}\.wasm$/.test(name));
const FORM_TITLE = { th: 'เล่าเรื่องดี ๆ ของกรุงเทพฯ', en: 'Share a good Bangkok story' };

test('the build cuts the story pages into a module of their own', () => {
  assert.ok(storyModule, 'dist/ has no split_story_pages-<hash>.wasm');
});

test('the news is read without the pages on demand, and the form brings its module and takes focus', async () => {
  const { page, errors, context } = await openPage(shared.browser);
  const asked = [];
  page.on('request', (request) => MODULE.test(new URL(request.url()).pathname) && asked.push(new URL(request.url()).pathname));
  await page.goto(`${shared.server.url}/news`);
  await page.getByTestId('news-card').first().waitFor();
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

test('a page whose module cannot be fetched, or is not the build\'s own, says so in Thai and English, and tries again', async () => {
  const replace = { [`/${storyModule}`]: null };
  const server = await startServer({ replace });
  // No service worker: the page's own fetch of the module is the one that fails.
  const context = await shared.browser.newContext({ serviceWorkers: 'block', locale: 'en-GB' });
  const page = await context.newPage();
  waitForTheApp(page);
  const uncaught = [];
  page.on('pageerror', (error) => uncaught.push(String(error)));
  try {
    await page.goto(`${server.url}/stories/new?lang=en`);
    const heading = page.locator('main h1');
    await heading.filter({ hasText: 'This page could not be opened' }).waitFor();
    assert.match(await page.getByRole('alert').innerText(), /downloading it failed/);

    await page.getByTestId('lang-switch').click();
    await heading.filter({ hasText: 'เปิดหน้านี้ไม่ได้' }).waitFor();
    assert.match(await page.getByRole('alert').innerText(), /ดาวน์โหลดไม่สำเร็จ/);

    // A module that is not the build's own (one byte changed on the way) is not run.
    const real = await readFile(`${DIST}${storyModule}`);
    const tampered = Buffer.from(real);
    tampered[tampered.length - 1] ^= 1;
    replace[`/${storyModule}`] = tampered;
    const refetched = page.waitForResponse((response) => response.url().endsWith(`/${storyModule}`));
    await page.getByRole('button', { name: 'ลองอีกครั้ง' }).click();
    assert.equal((await refetched).status(), 200);
    await page.getByRole('button', { name: 'ลองอีกครั้ง' }).waitFor();
    assert.equal((await heading.innerText()).trim(), 'เปิดหน้านี้ไม่ได้');

    // The module is back: trying again brings the form, in the language chosen.
    delete replace[`/${storyModule}`];
    await page.getByRole('button', { name: 'ลองอีกครั้ง' }).click();
    await heading.filter({ hasText: FORM_TITLE.th }).waitFor();
    assert.deepEqual(uncaught, []);
  } finally {
    await context.close();
    await server.close();
  }
});
