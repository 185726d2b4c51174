// End-to-end: the site published in a folder of a larger one, as a city web team puts it
// (`https://www.bangkok.go.th/news-app/`): the release build made with Trunk's
// `--public-url /news-app/` (`make build-sub-path`), served only inside that folder, as the
// city's host would. Nothing the app, its pages or its service worker ask for may leave the
// folder: the rest of the host is another site.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launch, openPage } from './browser.mjs';
import { startServer } from './server.mjs';
import { startReceiver } from './receiver.mjs';
import { fillStory, sendStory, waitForState } from './story-form.mjs';

const ROOT = fileURLToPath(new URL('../../target/sub-path-dist/', import.meta.url));
const FOLDER = '/news-app/';
const manifest = JSON.parse(await readFile(`${ROOT}data/manifest.json`, 'utf8'));
const newest = JSON.parse(await readFile(`${ROOT}data/${manifest.cards[0].file.path}`, 'utf8')).cards;
const shared = {};

before(async () => {
  shared.browser = await launch();
});
after(async () => {
  await shared.browser?.close();
});

/**
 * A page whose every request, its service worker's included, is noted; `outside()` gives
 * those that left the folder, but for the folder's name typed without its slash.
 */
async function watchedPage(origin) {
  const opened = await openPage(shared.browser);
  const asked = [];
  opened.context.on('request', (request) => asked.push(request.url()));
  const typed = `${origin}${FOLDER.slice(0, -1)}`;
  const outside = () => asked.filter((url) => url.startsWith(origin) && url !== typed && !new URL(url).pathname.startsWith(FOLDER));
  return { ...opened, asked, outside };
}

test('in a folder of a larger site, the pages, links, search and history stay inside it', async () => {
  const server = await startServer({ root: ROOT, base: FOLDER });
  const site = `${server.url}${FOLDER}`;
  try {
    const { page, errors, context, outside } = await watchedPage(server.url);
    // The folder named without its slash is sent to the folder.
    await page.goto(`${server.url}/news-app`);
    assert.equal(page.url(), site);
    await page.getByTestId('news-card').first().waitFor();

    await page.getByRole('navigation').getByRole('link', { name: 'ข่าว', exact: true }).click();
    await page.waitForURL(`${site}news`);
    assert.equal(await page.getByTestId('result-count').innerText(), String(manifest.items));

    // A search reads the folder's index and narrows the list.
    await page.getByRole('searchbox', { name: 'ค้นหา' }).fill('คลอง');
    await page.waitForURL(/\/news-app\/news\?q=/);
    await page.waitForFunction((all) => document.querySelector('[data-testid=result-count]')?.innerText !== all, String(manifest.items));
    const found = Number(await page.getByTestId('result-count').innerText());
    assert.ok(found > 0 && found < manifest.items, `คลอง narrows the list (${found} of ${manifest.items})`);

    // A card leads to its article in the folder, and back returns to the search.
    const card = page.getByTestId('news-card').first();
    const title = (await card.getByRole('heading').innerText()).trim();
    await card.getByRole('link').first().click();
    await page.waitForURL(/\/news-app\/news\/[^/?]+$/);
    assert.equal((await page.locator('main h1').innerText()).trim(), title);
    await page.goBack();
    await page.waitForURL(/\/news-app\/news\?q=/);
    assert.equal(await page.getByRole('searchbox', { name: 'ค้นหา' }).inputValue(), 'คลอง');

    // A deep link is answered by its prerendered page, then the app's; an unknown path by
    // the app's own "not found".
    const id = newest[0].id;
    await page.goto(`${site}news/${id}`);
    assert.equal((await page.locator('main h1').innerText()).trim(), newest[0].title.th);
    await page.goto(`${site}no-such-page`);
    await page.locator('main .not-found').waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'หน้าแรก', exact: true }).click();
    await page.waitForURL(site);

    // A city web team's snippet frames the folder's news, and its preview shows them.
    await page.goto(`${site}embed?lang=en`);
    await page.frameLocator('[data-testid=embed-preview]').locator('[data-testid=news-card]').first().waitFor();
    const snippet = await page.getByTestId('embed-snippet').inputValue();
    assert.ok(snippet.includes(`<iframe src="${site}news?`), snippet);

    assert.deepEqual(outside(), [], 'nothing is asked for outside the folder');
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await server.close();
  }
});

test('in a folder, a link into a theme fetches the modules its page lists from the folder, each once', async () => {
  const theme = manifest.bundle.plan.themes[0].id;
  const listed = (await readFile(`${ROOT}plan/${theme}.html`, 'utf8')).match(/\bdata-modules="([^"]*)"/)?.[1].split(' ').filter(Boolean) ?? [];
  const names = listed.filter((_, at) => at % 2 === 0);
  assert.ok(names.some((name) => name.startsWith('split_plan_pages-')), `plan/${theme}.html lists ${listed}`);
  const server = await startServer({ root: ROOT, base: FOLDER });
  // No service worker: its keeping of every module would ask for them again.
  const { page, errors, context } = await openPage(shared.browser, { serviceWorkers: 'block' });
  const modules = [];
  page.on('response', (response) => response.url().endsWith('.wasm') && modules.push([new URL(response.url()).pathname, response.status()]));
  try {
    await page.goto(`${server.url}${FOLDER}plan/${theme}`);
    await page.locator('main h1').first().waitFor();
    for (const name of names) {
      assert.deepEqual(modules.filter(([path]) => path.endsWith(`/${name}`)), [[`${FOLDER}${name}`, 200]], `${name}: ${modules}`);
    }
    assert.deepEqual(modules.filter(([path]) => !path.startsWith(FOLDER)), []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('in a folder, the link previews, feeds and sitemap name addresses inside it', async () => {
  const site = `http://127.0.0.1:8080${FOLDER}`;
  const id = newest[0].id;
  const article = await readFile(`${ROOT}news/${id}.html`, 'utf8');
  assert.match(article, new RegExp(`<meta property="og:url" content="${site}news/${id}"`));
  assert.match(article, new RegExp(`<link rel="canonical" href="${site}news/${id}"`));
  const feed = await readFile(`${ROOT}feeds/all.xml`, 'utf8');
  assert.ok(feed.includes(`<link>${site}news/${id}</link>`), 'the feed links the article in the folder');
  const sitemap = await readFile(`${ROOT}sitemap.xml`, 'utf8');
  assert.ok(sitemap.includes(`<loc>${site}news/${id}</loc>`), 'the sitemap lists it in the folder');
  const links = [...`${feed}${sitemap}`.matchAll(/https?:\/\/[^<"\s]+/g)].map(([url]) => url);
  const local = links.filter((url) => url.startsWith('http://127.0.0.1:8080/') && !url.startsWith(site));
  assert.deepEqual(local, [], 'no link of the site leaves the folder');
});

test('in a folder, the service worker keeps the app for offline use and a story reaches the receiver', async () => {
  const receiver = await startReceiver();
  let server = await startServer({ root: ROOT, base: FOLDER, api: () => receiver.url });
  const site = () => `${server.url}${FOLDER}`;
  try {
    const { page, errors, context, outside } = await watchedPage(server.url);
    await page.goto(`${site()}news`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope);
    assert.equal(scope, site(), 'the worker controls the folder, and only it');

    // With the server gone, the folder's pages still open from the worker's copies.
    await server.close();
    await page.goto(`${site()}news/${newest[0].id}`);
    assert.equal((await page.locator('main h1').innerText()).trim(), newest[0].title.th);
    await page.getByTestId('offline-banner').waitFor();

    // A story written offline waits, and goes to the folder's /api/ once the site is back.
    await page.goto(`${site()}stories/new`);
    const title = `เรื่องจากเว็บในโฟลเดอร์ ${Date.now()}`;
    await fillStory(page, { title });
    await sendStory(page);
    await waitForState(page, title, 'queued');
    server = await startServer({ root: ROOT, base: FOLDER, api: () => receiver.url, port: server.port });
    await page.reload();
    await waitForState(page, title, 'sent', 30_000);
    assert.deepEqual(
      receiver.dump().stories.map((story) => story.title),
      [title],
      'stored once, through the folder',
    );

    assert.deepEqual(outside(), [], 'nothing is asked for outside the folder');
    assert.deepEqual(errors.filter((error) => !/ERR_CONNECTION_REFUSED|Failed to fetch|net::/.test(error)), []);
    await context.close();
  } finally {
    await server.close();
    await receiver.close();
  }
});
