// End-to-end: the pages prerendered at build time (src/build/prerender.mjs), as a first visit
// sees them before the app has started, and the moment the app's own page takes their place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPage, RECORD_APP_READY } from './browser.mjs';
import { sharedBrowserAndServer } from './shared.mjs';
import { DIST, startServer } from './server.mjs';

const shared = sharedBrowserAndServer();
const bundle = JSON.parse(await readFile(`${DIST}data/bundle.json`, 'utf8'));
const manifestText = await readFile(`${DIST}data/manifest.json`, 'utf8');
const article = bundle.news.find((item) => item.id === 'thon-nuea-new-style-pr-2019');

/** A server whose data (the dataset's manifest) is held back until `release()`: the app
 * cannot start its page. */
async function heldServer() {
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  const server = await startServer({ replace: { '/data/manifest.json': async () => { await held; return manifestText; } } });
  // Closing lets a held answer go, so that a failed test never leaves the server waiting.
  const close = server.close;
  server.close = () => {
    release();
    return close();
  };
  return { server, release };
}

const ready = (page) => page.evaluate(() => document.documentElement.dataset.app === 'ready');

test('a first visit shows the page asked for before the app starts, with its controls disabled but the search box, then the app takes its place with what was typed', async () => {
  const { server, release } = await heldServer();
  const { page, errors, context } = await openPage(shared.browser, { width: 360, height: 780 });
  await page.goto(`${server.url}/news`, { app: false });
  // The app has no bundle yet, and still the news page is there, in Thai.
  const heading = page.getByRole('heading', { level: 1, name: 'ข่าวสำนักงานเขต' });
  await heading.waitFor();
  assert.equal(await ready(page), false);
  assert.ok((await page.getByTestId('news-card').count()) > 0, 'the prerendered page lists news');
  // What is done with a filter would be lost when the app's page takes over: the filters
  // wait. The search box takes typing at once, and Enter there loads nothing.
  const enabled = await page
    .locator('#boot')
    .evaluate((boot) => [...boot.querySelectorAll('input, select, textarea, button')].filter((c) => !c.disabled).map((c) => c.type));
  assert.deepEqual([...new Set(enabled)], ['search'], 'only the search boxes of the two copies take input');
  const search = page.getByRole('searchbox');
  await page.evaluate(() => {
    window.__samePage = true;
  });
  await search.click();
  await search.pressSequentially('คลอง');
  await search.press('Enter');
  assert.equal(await ready(page), false, 'typed before the app started');
  release();
  await page.waitForFunction(() => document.documentElement.dataset.app === 'ready');
  assert.equal(await page.evaluate(() => window.__samePage), true, 'Enter did not load the page again');
  assert.equal(await page.locator('#boot').count(), 0, 'the prerendered page is gone');
  assert.equal(await page.locator('main').count(), 1, 'one page, the app’s');
  // The app's own box has the text, the focus and the search.
  assert.equal(await search.inputValue(), 'คลอง');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'news-q', 'the citizen types on in the app’s box');
  await page.waitForURL(/q=%E0%B8%84%E0%B8%A5%E0%B8%AD%E0%B8%87/);
  await page.waitForFunction((all) => document.querySelector('[data-testid=result-count]')?.innerText !== all, String(bundle.news.length));
  const found = Number(await page.getByTestId('result-count').innerText());
  assert.ok(found > 0 && found < bundle.news.length, `the list is the search's (${found})`);
  await page.keyboard.press('Backspace');
  assert.equal(await search.inputValue(), 'คลอ', 'the caret is at the end of the text');
  assert.deepEqual(errors, []);
  await context.close();
  await server.close();
});

test('an address with no page of its own shows the loading intro until the app has its page', async () => {
  const { server, release } = await heldServer();
  const { page, errors, context } = await openPage(shared.browser);
  await page.goto(`${server.url}/stories/mine`, { app: false });
  await page.getByRole('status').filter({ hasText: 'กำลังโหลด' }).waitFor();
  assert.equal(await page.locator('main:visible').count(), 0, 'no page is shown before the app has one');
  release();
  await page.waitForFunction(() => document.documentElement.dataset.app === 'ready');
  await page.locator('main h1').waitFor();
  assert.equal(await page.getByRole('status').filter({ hasText: 'กำลังโหลด… · Loading…' }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
  await server.close();
});

test('the prerendered page is in the language and the setting the app then shows', async () => {
  const { server, release } = await heldServer();
  const cases = [
    { why: 'an English browser', locale: 'en-US', path: '/plan', lang: 'en' },
    { why: 'a Thai browser', locale: 'th-TH', path: '/plan', lang: 'th' },
    { why: 'lang=en in the address', locale: 'th-TH', path: '/plan?lang=en', lang: 'en' },
    { why: 'lang=th in the address, over the browser', locale: 'en-US', path: '/plan?lang=th', lang: 'th' },
    { why: 'English chosen earlier on this device', locale: 'th-TH', path: '/plan', saved: 'en', lang: 'en' },
    { why: 'a frame on another site', locale: 'th-TH', path: '/plan?mode=embed', lang: 'th', framed: true },
  ];
  try {
    for (const { why, locale, path, saved, lang, framed } of cases) {
      const { page, errors, context } = await openPage(shared.browser, { width: 360, height: 780, locale });
      if (saved) await page.addInitScript((choice) => localStorage.setItem('city-comms.lang', choice), saved);
      await page.goto(`${server.url}${path}`, { app: false });
      const heading = page.getByRole('heading', { level: 1 });
      await heading.waitFor();
      assert.equal(await ready(page), false, why);
      assert.equal((await heading.innerText()).trim(), bundle.plan.title[lang], `${why}: the first paint`);
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang, why);
      assert.ok((await page.title()).startsWith(bundle.plan.title[lang]), `${why}: title ${await page.title()}`);
      assert.equal(await page.locator('.site-header:visible').count(), framed ? 0 : 1, `${why}: the site header`);
      assert.equal(await page.locator('#boot').getByTestId('lang-switch').count(), 2, 'both copies are in the page');
      await context.close();
      assert.deepEqual(errors, [], why);
    }
    // The same cases, with the app started: it speaks the language the first paint chose.
    release();
    for (const { why, locale, path, saved, lang } of cases) {
      const { page, context } = await openPage(shared.browser, { locale });
      if (saved) await page.addInitScript((choice) => localStorage.setItem('city-comms.lang', choice), saved);
      await page.goto(`${server.url}${path}`);
      assert.equal((await page.locator('main h1').innerText()).trim(), bundle.plan.title[lang], `${why}: the app`);
      await context.close();
    }
  } finally {
    await server.close();
  }
});

test('the app takes the prerendered page’s place without moving what is on screen', async () => {
  const { page, errors, context } = await openPage(shared.browser, { width: 360, height: 780 });
  await page.addInitScript(() => {
    window.__shifts = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  for (const path of ['/', '/news', `/news/${article.id}`, '/plan', '/stories/new']) {
    await page.goto(`${shared.server.url}${path}`);
    await page.waitForTimeout(300);
    const shifts = await page.evaluate(() => window.__shifts);
    // Web Vitals calls under 0.1 good; a page swapped in where it was would be near 0.
    assert.ok(shifts < 0.05, `${path}: layout shift ${shifts}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('the app is fetched once the prerendered page is on screen, and the largest paint stays that page', async () => {
  for (const [path, locale] of ['/', '/news', '/plan', '/plan/coverage', '/stories/new'].flatMap((path) => [[path, 'th-TH'], [path, 'en-US']])) {
    // A new context each time: a first visit, with nothing cached.
    const { page, errors, context } = await openPage(shared.browser, { width: 360, height: 780, locale });
    await page.addInitScript(() => {
      window.__largest = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__largest.push(entry.startTime);
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    });
    await page.addInitScript(RECORD_APP_READY);
    await page.goto(`${shared.server.url}${path}`);
    await page.waitForTimeout(500);
    const seen = await page.evaluate(() => ({
      painted: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      wasm: performance.getEntriesByType('resource').find((entry) => /_bg\.wasm$/.test(entry.name))?.startTime,
      largest: window.__largest,
      takenOver: window.__appReadyAt,
    }));
    // The first contentful paint is the time a frame was presented: the app's download
    // starts after it, so the page a visitor asked for is on screen before the app competes
    // with it, however long the browser takes to present its first frame.
    assert.ok(seen.painted !== undefined && seen.wasm !== undefined, `${path} (${locale}): ${JSON.stringify(seen)}`);
    assert.ok(seen.wasm >= seen.painted, `${path} (${locale}): the wasm was asked for at ${seen.wasm} ms, before the first paint at ${seen.painted} ms`);
    // The app's own page, put in place of the prerendered one, is not a larger paint: in Thai
    // too, where a Latin face that came after the first paint once made the app's copy of
    // the digits a few glyphs larger (style/fonts.css).
    assert.ok(seen.largest.length > 0, `${path} (${locale}): no largest paint`);
    const after = seen.largest.filter((time) => time >= seen.takenOver);
    assert.deepEqual(after, [], `${path} (${locale}): a largest paint after the app took over at ${seen.takenOver} ms`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

/**
 * A server that holds the app's wasm until every one of `wanted` has been asked for (`nameOf`
 * gives a request path's name among them, or null): were they asked for by the app once it
 * runs, the page would never start. It lets go after 10 s all the same; `released()` says
 * which came first ('asked' or 'timed out'), and `asked` lists every request for them.
 */
async function wasmHeldUntilAsked(wanted, nameOf) {
  const asked = [];
  let heard;
  let released;
  const allAsked = new Promise((resolve) => (heard = resolve));
  const server = await startServer({
    onRequest: (url) => {
      const path = url.split('?')[0];
      const name = nameOf(path);
      if (name !== null) asked.push(name);
      if (wanted.every((one) => asked.includes(one))) heard();
      if (!/_bg\.wasm$/.test(path)) return undefined;
      const timedOut = new Promise((resolve) => setTimeout(() => resolve('timed out'), 10_000));
      return Promise.race([allAsked.then(() => 'asked'), timedOut]).then((why) => (released = why));
    },
  });
  return { server, asked, released: () => released };
}

test('the data a prerendered page needs is asked for beside the wasm, once, not after the app has started', async () => {
  const filesOf = async (file) => (await readFile(`${DIST}${file}`, 'utf8')).match(/\bdata-files="([^"]*)"/)?.[1].split(' ').filter(Boolean);
  for (const [path, file, kinds] of [
    ['/news', 'news.html', ['cards']],
    [`/news/${article.id}`, `news/${article.id}.html`, ['articles', 'cards', 'ids']],
  ]) {
    const listed = await filesOf(file);
    assert.deepEqual([...new Set(listed.map((f) => f.split('/')[0]))].sort(), kinds, `${file} lists ${listed}`);
    const at = (path) => (path.startsWith('/data/') ? path.slice('/data/'.length) : null);
    const { server, asked, released } = await wasmHeldUntilAsked(listed, at);
    const { page, errors, context } = await openPage(shared.browser, { width: 360, height: 780 });
    try {
      await page.goto(`${server.url}${path}`);
      assert.equal(released(), 'asked', `${path}: the app's wasm was held until ${listed} were asked for, and they were not (${asked})`);
      // Each once: the app read the answers the preloads had.
      assert.deepEqual(asked.filter((f) => f !== 'manifest.json').sort(), [...listed].sort(), path);
      assert.ok((await page.locator('main h1').innerText()).length > 0);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
      await server.close();
    }
  }
});

test('the modules on demand a prerendered page needs are asked for beside the wasm, once, with their integrity', async () => {
  const modulesOf = async (file) => (await readFile(`${DIST}${file}`, 'utf8')).match(/\bdata-modules="([^"]*)"/)?.[1].split(' ').filter(Boolean);
  // The pages a first visit most often opens are in the main module.
  assert.deepEqual(await modulesOf('news.html'), [], 'the news list lists modules');
  assert.deepEqual(await modulesOf(`news/${article.id}.html`), [], 'an article lists modules');
  const theme = bundle.plan.themes[0].id;
  for (const [path, file, cut] of [
    [`/plan/${theme}`, `plan/${theme}.html`, 'split_plan_pages'],
    ['/stories', 'stories.html', 'split_stories_page'],
  ]) {
    const listed = await modulesOf(file);
    const names = listed.filter((_, at) => at % 2 === 0);
    assert.ok(names.some((name) => name.startsWith(`${cut}-`)), `${file} does not list its module: ${listed}`);
    for (let at = 0; at < listed.length; at += 2) {
      const body = await readFile(`${DIST}${listed[at]}`);
      assert.equal(listed[at + 1], `sha384-${createHash('sha384').update(body).digest('base64')}`, `${listed[at]}'s integrity`);
    }
    const { server, asked, released } = await wasmHeldUntilAsked(names, (path) => (names.includes(path.slice(1)) ? path.slice(1) : null));
    // No service worker: its keeping of every module would ask for them again.
    const { page, errors, context } = await openPage(shared.browser, { width: 360, height: 780, serviceWorkers: 'block' });
    try {
      await page.goto(`${server.url}${path}`);
      assert.equal(released(), 'asked', `${path}: the app's wasm was held until ${names} were asked for, and they were not (${asked})`);
      await page.locator('main h1').first().waitFor();
      // Each once: the module loader was given what the preload had fetched.
      assert.deepEqual(asked.sort(), [...names].sort(), path);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
      await server.close();
    }
  }
});

test('without JavaScript, a page is still there to read, and says the app needs JavaScript', async () => {
  const context = await shared.browser.newContext({ javaScriptEnabled: false, locale: 'th-TH' });
  const page = await context.newPage();
  await page.goto(`${shared.server.url}/news/${article.id}`);
  // The Thai copy; the English one stays out of sight.
  assert.equal((await page.getByRole('heading', { level: 1 }).innerText()).trim(), article.title.th);
  assert.equal(await page.getByRole('heading', { level: 1, name: article.title.en }).count(), 0);
  const notice = page.locator('noscript p[lang=th]');
  assert.equal((await notice.innerText()).trim(), 'แอปนี้ต้องเปิดใช้ JavaScript');
  assert.ok(await notice.isVisible());
  await context.close();
});

test('the host answers each page with its own HTML, and any other address with the shell', async () => {
  const html = async (path) => (await fetch(`${shared.server.url}${path}`)).text();
  const home = await html('/');
  assert.ok(home.includes('class="prerendered"') && home.includes('data-testid="news-card"'), '/ is the prerendered home page');
  const news = await html('/news');
  assert.ok(news.includes(bundle.news[0].title.th) || news.includes('data-testid="news-card"'), 'news.html lists the news');
  assert.ok((await html(`/news/${article.id}`)).includes(article.title.th));
  assert.ok((await html(`/plan/${bundle.plan.themes[0].id}`)).includes(bundle.plan.themes[0].name.th));
  const shell = await readFile(`${DIST}shell.html`, 'utf8');
  assert.equal(await html('/stories/mine'), shell);
  assert.equal(await html('/news/no-such-item'), shell);
});

/** Where a page's LINE and Facebook buttons would share, in the order they stand. */
const sharedAddresses = (html) =>
  [...html.matchAll(/href="https:\/\/(?:social-plugins\.line\.me\/lineit\/share\?url|www\.facebook\.com\/sharer\/sharer\.php\?u)=([^"]+)"/g)].map((match) =>
    decodeURIComponent(match[1]),
  );

test('a prerendered page shares the site’s own address, the one its link preview gives, not the build’s', async () => {
  const html = await readFile(`${DIST}news/${article.id}.html`, 'utf8');
  const address = html.match(/<meta property="og:url" content="([^"]+)"/)?.[1];
  assert.ok(address, 'the article page has no og:url');
  // LINE and Facebook, in Thai and in English.
  assert.deepEqual(sharedAddresses(html), [address, address, address, address]);
});

test('only the newest articles are prerendered when asked; an older one is answered by the shell and read by the app', { timeout: 5 * 60_000 }, async () => {
  const place = await mkdtemp(join(tmpdir(), 'city-comms-prerender-'));
  try {
    await cp(DIST, place, { recursive: true });
    await rm(join(place, 'news'), { recursive: true });
    const root = new URL('../../', import.meta.url);
    const said = execFileSync('node', ['src/build/prerender.mjs', place, '--site-url', 'https://news.example.go.th/'], {
      cwd: root,
      env: { ...process.env, PRERENDER_ARTICLES: '3' },
      encoding: 'utf8',
    });
    execFileSync('node', ['src/build/finish.mjs', place], { cwd: root });
    assert.match(said, new RegExp(`3 of ${bundle.news.length} articles, the newest`));
    const newest = [...bundle.news].sort((a, b) => (a.published < b.published ? 1 : a.published > b.published ? -1 : a.id < b.id ? 1 : -1));
    const written = (await readdir(join(place, 'news'))).sort();
    assert.deepEqual(written, newest.slice(0, 3).map((item) => `${item.id}.html`).sort());
    // Rendered at a server of its own, a page shares the address given to the build.
    const sharing = sharedAddresses(await readFile(join(place, 'news', `${newest[0].id}.html`), 'utf8'));
    assert.equal(sharing.length, 4);
    assert.ok(sharing.every((address) => address === `https://news.example.go.th/news/${newest[0].id}`), sharing.join(' '));

    const older = newest[newest.length - 1];
    const server = await startServer({ root: place });
    try {
      const answered = await (await fetch(`${server.url}/news/${older.id}`)).text();
      assert.equal(answered, await readFile(join(place, 'shell.html'), 'utf8'), 'the shell answers an older article');
      const { page, context, errors } = await openPage(shared.browser);
      await page.goto(`${server.url}/news/${older.id}`);
      assert.equal((await page.locator('main h1').innerText()).trim(), older.title.th);
      assert.deepEqual(errors, []);
      await context.close();
    } finally {
      await server.close();
    }
  } finally {
    await rm(place, { recursive: true, force: true });
  }
});
