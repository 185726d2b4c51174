// End-to-end: what the build writes for the places people already read (src/data/syndicate/),
// served by the host rules and read in Chromium: a district's list links its feed, the feed
// is well-formed XML with that district's newest news, an article's page carries the tags a
// link preview in LINE or Facebook reads (before any script runs), and the sitemap and the
// open data are there with absolute links. (The Rust tests read every feed back with feed-rs,
// the CSV with a CSV reader and the sitemaps with quick-xml.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openPage } from './browser.mjs';
import { sharedBrowserAndServer } from './shared.mjs';
import { DIST } from './server.mjs';

const shared = sharedBrowserAndServer();
const bundle = JSON.parse(await readFile(`${DIST}data/bundle.json`, 'utf8'));
const newestFirst = [...bundle.news].sort((a, b) => (a.published < b.published ? 1 : a.published > b.published ? -1 : a.id < b.id ? 1 : -1));
// `make build` publishes for `make serve`'s address unless SITE_URL says otherwise.
const SITE = (await readFile(`${DIST}sitemap.xml`, 'utf8')).match(/<loc>([^<]*)<\/loc>/)[1];

test("a district's list links its feed, and the feed holds that district's newest news", async () => {
  const district = newestFirst.find((item) => item.district).district;
  const expected = newestFirst.filter((item) => item.district === district).slice(0, 50);
  const { page, errors, context } = await openPage(shared.browser);
  await page.goto(`${shared.server.url}/news?district=${district}`);
  await page.getByTestId('news-card').first().waitFor();
  const rss = page.getByRole('link', { name: 'RSS', exact: true });
  assert.equal(await rss.getAttribute('href'), `feeds/district/${district}.xml`);
  const feed = await page.evaluate(async (href) => {
    const answer = await fetch(new URL(href, document.baseURI));
    const xml = new DOMParser().parseFromString(await answer.text(), 'application/xml');
    return {
      status: answer.status,
      broken: xml.querySelector('parsererror') !== null,
      titles: [...xml.querySelectorAll('item > title')].map((node) => node.textContent),
      links: [...xml.querySelectorAll('item > link')].map((node) => node.textContent),
      dates: [...xml.querySelectorAll('item > pubDate')].map((node) => node.textContent),
    };
  }, await rss.getAttribute('href'));
  assert.equal(feed.status, 200);
  assert.equal(feed.broken, false);
  assert.deepEqual(feed.titles, expected.map((item) => item.title.th));
  assert.deepEqual(feed.links, expected.map((item) => `${SITE}news/${item.id}`));
  for (const date of feed.dates) assert.match(date, /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} (19|20)\d{2} \d{2}:\d{2}:\d{2} \+0700$/, 'common-era RFC 2822 dates');

  // In English, the English feed, whose links open the articles in English; a search has no feed.
  await page.goto(`${shared.server.url}/news?district=${district}&lang=en`);
  await page.getByText('Follow these news in a feed reader:').waitFor();
  const englishHref = await page.getByRole('link', { name: 'RSS', exact: true }).getAttribute('href');
  assert.equal(englishHref, `feeds/en/district/${district}.xml`);
  const english = await page.evaluate(async (href) => {
    const xml = new DOMParser().parseFromString(await (await fetch(new URL(href, document.baseURI))).text(), 'application/xml');
    return {
      language: xml.querySelector('channel > language')?.textContent,
      titles: [...xml.querySelectorAll('item > title')].map((node) => node.textContent),
      links: [...xml.querySelectorAll('item > link')].map((node) => node.textContent),
    };
  }, englishHref);
  assert.equal(english.language, 'en');
  assert.deepEqual(english.titles, expected.map((item) => item.title.en ?? item.title.th));
  assert.deepEqual(english.links, expected.map((item) => `${SITE}news/${item.id}?lang=en`));
  const opened = await openPage(shared.browser);
  await opened.page.goto(english.links[0].replace(SITE, `${shared.server.url}/`));
  await opened.page.getByRole('heading', { level: 1, name: expected[0].title.en ?? expected[0].title.th }).waitFor();
  await opened.context.close();
  await page.goto(`${shared.server.url}/news?district=${district}&q=${encodeURIComponent('เขต')}`);
  await page.getByTestId('news-card').first().waitFor();
  assert.equal(await page.getByRole('link', { name: 'RSS', exact: true }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('every page names the feeds of all news in Thai and English for feed readers, and the JSON Feed is version 1.1', async () => {
  const { page, context } = await openPage(shared.browser);
  await page.goto(`${shared.server.url}/plan`);
  const alternates = await page.locator('link[rel=alternate]').evaluateAll((links) => links.map((l) => [l.type, l.getAttribute('href'), l.title]));
  assert.deepEqual(alternates, [
    ['application/rss+xml', 'feeds/all.xml', 'ข่าวสำนักงานเขต กรุงเทพมหานคร (RSS)'],
    ['application/feed+json', 'feeds/all.json', 'ข่าวสำนักงานเขต กรุงเทพมหานคร (JSON Feed)'],
    ['application/rss+xml', 'feeds/en/all.xml', 'Bangkok district news (RSS)'],
    ['application/feed+json', 'feeds/en/all.json', 'Bangkok district news (JSON Feed)'],
  ]);
  // A search engine reads an alternate with `hreflang` as this very page in another
  // language (Lighthouse's SEO audit failed these relative ones): a feed is not that.
  assert.equal(await page.locator('link[hreflang]').count(), 0);
  const json = await page.evaluate(async () => (await fetch(new URL('feeds/all.json', document.baseURI))).json());
  assert.equal(json.version, 'https://jsonfeed.org/version/1.1');
  assert.equal(json.items.length, Math.min(50, bundle.news.length));
  assert.equal(json.items[0].url, `${SITE}news/${newestFirst[0].id}`);
  await context.close();
});

test("an article's page, as a link-preview robot fetches it, carries its title, summary, photo and date", async () => {
  const item = newestFirst.find((n) => n.images?.length > 0 && n.summary);
  // A robot reads the HTML and runs no script.
  const html = await (await fetch(`${shared.server.url}/news/${item.id}`)).text();
  const { page, context } = await openPage(shared.browser);
  await page.setContent(html.replace(/<script\b[^>]*src=[^>]*><\/script>/g, ''));
  const meta = (key) => page.locator(`meta[property="${key}"], meta[name="${key}"]`).getAttribute('content');
  assert.equal(await meta('og:title'), item.title.th);
  assert.equal(await meta('og:description'), item.summary.th);
  assert.equal(await meta('og:url'), `${SITE}news/${item.id}`);
  assert.equal(await meta('og:image'), new URL(item.images[0].src, SITE).href);
  assert.equal(await meta('twitter:card'), 'summary_large_image');
  assert.match(await meta('article:published_time'), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
  const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
  assert.equal(ld['@type'], 'NewsArticle');
  assert.equal(ld.headline, item.title.th);
  assert.deepEqual(ld.image, item.images.map((image) => new URL(image.src, SITE).href));
  assert.ok(ld.author[0].name && ld.publisher.name && ld.datePublished);
  assert.equal(await page.locator('meta[property="og:title"]').count(), 1, 'once, however often the build ran');
  await context.close();
});

test('the front page, the news list and a theme, as a link-preview robot fetches them, each carry their own title and address', async () => {
  const theme = bundle.plan.themes[0];
  const { page, context } = await openPage(shared.browser);
  const titles = [];
  for (const [path, description] of [['', null], ['news', null], [`plan/${theme.id}`, theme.summary.th]]) {
    const html = await (await fetch(`${shared.server.url}/${path}`)).text();
    await page.setContent(html.replace(/<script\b[^>]*src=[^>]*><\/script>/g, ''));
    const meta = (key) => page.locator(`meta[property="${key}"], meta[name="${key}"]`).getAttribute('content');
    const title = await page.title();
    titles.push(title);
    assert.equal(await meta('og:title'), title, `/${path}`);
    assert.equal(await meta('og:url'), `${SITE}${path}`);
    assert.equal(await page.locator('link[rel=canonical]').getAttribute('href'), `${SITE}${path}`);
    assert.equal(await meta('og:image'), `${SITE}icons/icon-512.png`);
    assert.equal(await meta('og:description'), description ?? (await meta('description')), `/${path}`);
    assert.equal(await page.locator('meta[property="og:title"]').count(), 1, 'once, however often the build ran');
  }
  // Each its own: the list and the theme are not told as the front page.
  assert.equal(new Set(titles).size, 3, titles.join(' | '));
  assert.ok(titles.includes(theme.name.th) || titles.some((title) => title.includes(theme.name.th)), titles.join(' | '));
  await context.close();
});

test('the sitemap and the open data are served beside the app, with absolute links', async () => {
  const sitemap = await (await fetch(`${shared.server.url}/sitemap.xml`)).text();
  const locs = [...sitemap.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);
  assert.ok(locs.includes(`${SITE}news/${newestFirst[0].id}`));
  assert.ok(locs.includes(`${SITE}plan`));
  assert.equal(locs.length, 4 + bundle.plan.themes.length + bundle.news.length);
  // `make build`'s site is its host's root: robots.txt there names the sitemap.
  const robots = await (await fetch(`${shared.server.url}/robots.txt`)).text();
  assert.ok(robots.split('\n').includes(`Sitemap: ${SITE}sitemap.xml`), robots);
  const csv = await fetch(`${shared.server.url}/open-data/news.csv`);
  assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
  const bytes = new Uint8Array(await csv.arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'a byte-order mark, for Excel');
  const json = await (await fetch(`${shared.server.url}/open-data/news.json`)).json();
  assert.equal(json.news.length, bundle.news.length);
  assert.deepEqual(json.columns.map((c) => c.name).slice(0, 4), ['id', 'url', 'published', 'date']);
  assert.ok(json.columns.every((c) => c.th && c.en), 'every column described in Thai and English');
});

test("a district's list names its feed in the head too, and another view takes it away", async () => {
  const district = newestFirst.find((item) => item.district).district;
  const { page, context } = await openPage(shared.browser);
  await page.goto(`${shared.server.url}/news?district=${district}`);
  await page.getByTestId('news-card').first().waitFor();
  const viewFeed = () => page.locator('head link#view-feed[rel=alternate]').evaluateAll((links) => links.map((l) => l.getAttribute('href')));
  assert.deepEqual(await viewFeed(), [`feeds/district/${district}.xml`]);
  // Another page of the app: gone.
  await page.getByRole('link', { name: 'แผนสื่อสารเมือง', exact: true }).first().click();
  await page.waitForURL(/\/plan$/);
  await page.locator('main h1').first().waitFor();
  assert.deepEqual(await viewFeed(), []);
  // Back, then a search, which no feed follows: there, then gone.
  await page.goBack();
  await page.waitForFunction(() => document.getElementById('view-feed') !== null);
  await page.getByRole('searchbox', { name: 'ค้นหา' }).fill('เขต');
  await page.waitForURL(/q=/);
  await page.waitForFunction(() => document.getElementById('view-feed') === null);
  await context.close();
});
