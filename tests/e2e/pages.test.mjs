// End-to-end: the release build in Chromium, page by page, in Thai and in English.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { openPage, openPageAt, textOnScreen } from './browser.mjs';
import { sharedBrowserAndServer } from './shared.mjs';
import { DIST, bundleOnly, startServer } from './server.mjs';

const SCREENSHOTS = fileURLToPath(new URL('./artifacts/screenshots/', import.meta.url));
const bundle = JSON.parse(await readFile(`${DIST}data/bundle.json`, 'utf8'));
const REAL_ID = 'thon-nuea-new-style-pr-2019';
const withPhotos = bundle.news.find((item) => item.images?.length > 0);
const firstTheme = bundle.plan.themes[0];

const shared = sharedBrowserAndServer();

/** Opens `path` and waits for the page's heading; returns the page and its console errors. */
function visit(path, options = {}) {
  return openPageAt(shared.browser, `${options.base ?? shared.server.url}${path}`, options);
}

const NAV = {
  th: ['หน้าแรก', 'ข่าว', 'แผนสื่อสารเมือง', 'เรื่องเล่า'],
  en: ['Home', 'News', 'Communication plan', 'Stories'],
};

describe('every page opens in Thai and in English', () => {
  const routes = [
    ['/', null],
    ['/news', null],
    [`/news/${REAL_ID}`, { th: bundle.news.find((n) => n.id === REAL_ID).title.th }],
    ['/plan', { th: bundle.plan.title.th, en: bundle.plan.title.en }],
    [`/plan/${firstTheme.id}`, { th: firstTheme.name.th, en: firstTheme.name.en }],
    ['/stories', null],
    ['/stories/new', { th: 'เล่าเรื่องดี ๆ ของกรุงเทพฯ', en: 'Share a good Bangkok story' }],
    ['/stories/mine', { th: 'เรื่องที่ส่งจากเครื่องนี้', en: 'Stories sent from this device' }],
  ];
  for (const [route, headings] of routes) {
    for (const lang of ['th', 'en']) {
      test(`${route} in ${lang}`, async () => {
        const { page, errors, context } = await visit(`${route}?lang=${lang}`);
        assert.equal(await page.getAttribute('html', 'lang'), lang);
        const nav = page.getByRole('navigation');
        for (const name of NAV[lang]) {
          assert.equal(await nav.getByRole('link', { name, exact: true }).count(), 1, name);
        }
        if (headings?.[lang]) {
          assert.equal((await page.locator('main h1').innerText()).trim(), headings[lang]);
        }
        assert.match(await page.title(), lang === 'th' ? /สื่อสารเมืองกรุงเทพฯ/ : /Bangkok City Communication/);
        assert.deepEqual(errors, []);
        await context.close();
      });
    }
  }
});

test('the dataset\'s manifest is fetched once, by the preload that starts with the page', async () => {
  const { page, errors, context } = await openPage(shared.browser);
  const fetched = [];
  page.on('request', (request) => {
    if (/\/data\/(manifest|bundle)\.json$/.test(request.url())) fetched.push(request.url());
  });
  await page.goto(`${shared.server.url}/news`);
  await page.getByTestId('news-card').first().waitFor();
  assert.deepEqual(fetched, [`${shared.server.url}/data/manifest.json`], 'once, and never the bundle');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the news list shows every item newest first, a page at a time, and a card leads to its article and back', async () => {
  const { page, errors, context } = await visit('/news');
  const cards = page.getByTestId('news-card');
  assert.equal(await page.getByTestId('result-count').innerText(), String(bundle.news.length));
  assert.equal(await cards.count(), Math.min(20, bundle.news.length), 'the first page only');
  await page.getByRole('button', { name: 'แสดงข่าวเพิ่ม' }).click();
  await cards.nth(20).waitFor();
  assert.equal(await cards.count(), Math.min(40, bundle.news.length));
  const dates = await cards.locator('time').evaluateAll((times) => times.map((t) => t.dateTime));
  assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');

  const third = cards.nth(2);
  const title = (await textOnScreen(third.getByRole('heading'))).trim();
  await third.getByRole('link').click();
  await page.waitForURL(/\/news\/[a-z0-9-]+$/);
  assert.equal((await page.locator('main h1').innerText()).trim(), title);

  await page.goBack();
  await page.waitForURL(/\/news$/);
  await cards.first().waitFor();
  assert.equal(await page.getByTestId('result-count').innerText(), String(bundle.news.length));
  assert.deepEqual(errors, []);
  await context.close();
});

test('links, back and forward move between pages in one document, and the menu marks where the reader is', async () => {
  const { page, errors, context } = await visit('/', { height: 600 });
  const nav = page.getByRole('navigation');
  const current = () => nav.locator('[aria-current="page"]').allInnerTexts();
  assert.deepEqual(await current(), ['หน้าแรก']);
  // Set on the document: a page loaded again would not have it.
  await page.evaluate(() => { window.sameDocument = true; });

  await nav.getByRole('link', { name: 'ข่าว', exact: true }).click();
  await page.waitForURL(/\/news$/);
  await page.getByTestId('news-card').first().waitFor();
  assert.deepEqual(await current(), ['ข่าว']);

  // An article is inside the news: the menu still marks it, and it opens at its top.
  await page.mouse.wheel(0, 1500);
  await page.waitForFunction(() => window.scrollY > 0);
  await page.getByTestId('news-card').nth(5).getByRole('link').click();
  await page.waitForURL(/\/news\/[^/]+$/);
  await page.locator('main h1.article__title').waitFor();
  assert.deepEqual(await current(), ['ข่าว']);
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'the article starts at its top');

  await page.goBack();
  await page.waitForURL(/\/news$/);
  await page.getByTestId('news-card').first().waitFor();
  await page.goBack();
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByRole('heading', { name: 'ข่าวล่าสุด' }).waitFor();
  assert.deepEqual(await current(), ['หน้าแรก']);
  await page.goForward();
  await page.waitForURL(/\/news$/);
  await page.getByTestId('news-card').first().waitFor();
  assert.deepEqual(await current(), ['ข่าว']);
  assert.equal(await page.evaluate(() => window.sameDocument), true, 'never loaded again');
  assert.deepEqual(errors, []);
  await context.close();
});

test("on a kiosk the menu's links keep the mode and still mark the page on screen", async () => {
  const { page, errors, context } = await visit('/news?mode=kiosk');
  const news = page.getByRole('navigation').getByRole('link', { name: 'ข่าว', exact: true });
  assert.match(await news.getAttribute('href'), /^\/news\?mode=kiosk$/);
  assert.equal(await news.getAttribute('aria-current'), 'page');
  await page.getByRole('navigation').getByRole('link', { name: 'แผนสื่อสารเมือง', exact: true }).click();
  await page.waitForURL(/\/plan\?mode=kiosk$/);
  assert.equal(await news.getAttribute('aria-current'), null);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the real article shows its Buddhist-era date, author, views, credit and source', async () => {
  const { page, errors, context } = await visit(`/news/${REAL_ID}`);
  const main = page.locator('main');
  const text = await main.innerText();
  for (const expected of ['10 ต.ค. 2562', 'นิกรณ์ สมศรี', 'เข้าชม 48 ครั้ง', 'สกณธ์/มุทิตา สปส. รายงาน', 'บางกอกน้อย', 'กลุ่มเขตกรุงธนเหนือ']) {
    assert.ok(text.includes(expected), `missing ${expected}`);
  }
  assert.ok(!text.includes('ตัวอย่าง'), 'a real item carries no sample label');
  const source = main.getByRole('link', { name: 'อ่านข่าวต้นฉบับ' });
  assert.equal(await source.getAttribute('href'), bundle.news.find((n) => n.id === REAL_ID).source_url);

  await page.getByTestId('lang-switch').click();
  await page.locator('html[lang="en"]').waitFor();
  const english = await main.innerText();
  assert.ok(english.includes('10 Oct 2019'), 'common-era date in English');
  assert.ok(english.includes('48 views'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('sample items are labelled as samples in the list and on their page', async () => {
  const sample = bundle.news.find((n) => n.sample);
  const { page, errors, context } = await visit(`/news/${sample.id}`);
  assert.ok((await page.locator('main').innerText()).includes('ข่าวตัวอย่างเพื่อสาธิตการใช้งาน ไม่ใช่ข่าวจริง'));
  await page.goto(`${shared.server.url}/news?q=${encodeURIComponent(`"${sample.title.th}"`)}`);
  const card = page.getByTestId('news-card').filter({ hasText: sample.title.th });
  assert.ok((await card.innerText()).includes('ตัวอย่าง'));
  assert.deepEqual(errors, []);
  await context.close();
});

test("an article's album shows each photo with its description", async () => {
  const { page, errors, context } = await visit(`/news/${withPhotos.id}`);
  const album = page.getByRole('region', { name: 'อัลบั้มภาพ' });
  const images = album.getByRole('img');
  assert.equal(await images.count(), withPhotos.images.length);
  for (const [index, image] of withPhotos.images.entries()) {
    const shown = images.nth(index);
    await shown.scrollIntoViewIfNeeded();
    assert.equal(await shown.getAttribute('alt'), image.alt.th);
    await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await shown.elementHandle());
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('the language choice is remembered after a reload', async () => {
  const { page, errors, context } = await visit('/plan');
  assert.equal(await page.getAttribute('html', 'lang'), 'th');
  const toggle = page.getByTestId('lang-switch');
  assert.equal((await toggle.innerText()).trim(), 'English');
  await toggle.click();
  await page.locator('html[lang="en"]').waitFor();
  assert.equal((await page.locator('main h1').innerText()).trim(), bundle.plan.title.en);
  await page.reload();
  await page.locator('main h1').waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal((await page.getByTestId('lang-switch').innerText()).trim(), 'ภาษาไทย');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an English browser gets English; an unknown address gets a page that says so', async () => {
  const { page, errors, context } = await visit('/no/such/page', { locale: 'en-GB' });
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal((await page.locator('main h1').innerText()).trim(), 'Page not found');
  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await page.getByRole('heading', { name: 'Latest news' }).waitFor();
  await page.goto(`${shared.server.url}/news/no-such-item`);
  assert.equal((await page.locator('main h1').innerText()).trim(), 'This news item was not found');
  assert.deepEqual(errors, []);
  await context.close();
});

describe('a bundle that cannot be used', () => {
  const cases = [
    ['a newer format', JSON.stringify({ ...bundle, format: 'city-comms/2' }), 'city-comms/2'],
    ['a cut-off download', JSON.stringify(bundle).slice(0, 5000), 'อาจดาวน์โหลดมาไม่หมด'],
    ['districts in an unknown group', JSON.stringify({ ...bundle, districts: [{ ...bundle.districts[0], group: 'west' }] }), 'districts[0].group'],
  ];
  for (const [name, body, named] of cases) {
    test(`${name} shows bundle-error naming the problem`, async () => {
      const broken = await startServer({ replace: bundleOnly(body) });
      const { page, context } = await visit('/news', { base: broken.url });
      const error = page.getByTestId('bundle-error');
      assert.ok((await error.innerText()).includes(named), await error.innerText());
      assert.equal(await page.getByTestId('news-card').count(), 0);
      await context.close();
      await broken.close();
    });
  }

  test('a bundle with one bad item shows the rest and counts what was left out', async () => {
    const news = [...bundle.news, { ...bundle.news[0], id: 'broken', published: '2019-02-30' }];
    const broken = await startServer({ replace: bundleOnly(JSON.stringify({ ...bundle, news })) });
    const { page, errors, context } = await visit('/news?lang=en', { base: broken.url });
    assert.equal(await page.getByTestId('result-count').innerText(), String(bundle.news.length));
    assert.ok((await textOnScreen(page.locator('footer'))).includes('1 item had errors and is not shown'));
    assert.deepEqual(errors, []);
    await context.close();
    await broken.close();
  });
});

test('phone-width screenshots of home, news and plan in Thai', async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  for (const [name, path] of [['home', '/'], ['news', '/news'], ['plan', '/plan']]) {
    const { page, errors, context } = await visit(`${path}?lang=th`, { width: 360, height: 780 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px at 360px`);
    await page.screenshot({ path: `${SCREENSHOTS}${name}-th-360.png`, fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  }
});
