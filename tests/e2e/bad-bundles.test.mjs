// End-to-end: every bundle of the corpus (tests/bad-bundles/cases.json) served to the app in
// Chromium, in English. A refused bundle shows bundle-error naming the problem; a partly
// broken one shows the rest and says how many items were left out; markup in the bundle is
// shown as text and never runs. No case may crash the app or log an error.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch, openPage } from './browser.mjs';
import { DIST, bundleOnly, startServer } from './server.mjs';

const MARKUP = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">';
const MAX_BUNDLE_BYTES = 32 * 1024 * 1024;
const original = JSON.parse(await readFile(`${DIST}data/bundle.json`, 'utf8'));
const { cases } = JSON.parse(await readFile(new URL('../bad-bundles/cases.json', import.meta.url), 'utf8'));
const replace = {};
const shared = {};

before(async () => {
  shared.server = await startServer({ replace });
  shared.browser = await launch();
});
after(async () => {
  await shared.browser?.close();
  await shared.server?.close();
});

function at(doc, pointer) {
  const steps = pointer.split('/').slice(1);
  const last = steps.pop();
  return [steps.reduce((node, step) => node[step], doc), last];
}

/** The text of the case's bundle, made as tests/bad_bundles.rs makes it. */
function bundleText(c) {
  if (c.raw !== undefined) return c.raw;
  if (c.truncate !== undefined) return Buffer.from(JSON.stringify(original, null, 2)).subarray(0, c.truncate).toString();
  const doc = structuredClone(original);
  for (const [pointer, value] of Object.entries(c.set ?? {})) {
    const [parent, key] = at(doc, pointer);
    parent[key] = value === '{{news0id}}' ? original.news[0].id : value;
  }
  for (const pointer of c.remove ?? []) {
    const [parent, key] = at(doc, pointer);
    delete parent[key];
  }
  switch (c.generate) {
    case undefined:
      break;
    case 'markup-everywhere':
      for (const field of ['title', 'summary', 'body']) doc.news[0][field] = { th: MARKUP, en: MARKUP };
      doc.news[0].author = MARKUP;
      doc.plan.foreword = { th: MARKUP };
      doc.stories[0].text = MARKUP;
      break;
    case 'huge-string':
      doc.news[0].body.th = 'ก'.repeat(Math.floor((10 * 1024 * 1024) / 3));
      break;
    case 'million-news':
      doc.news = Array.from({ length: 1_000_000 }, () => ({}));
      break;
    case 'oversize':
      doc.padding = 'x'.repeat(MAX_BUNDLE_BYTES);
      break;
    case 'deep':
      return '['.repeat(100_000);
    case 'all-news-broken':
      for (const item of doc.news) item.published = '2019-02-30';
      break;
    default:
      throw new Error(`unknown generator ${c.generate}`);
  }
  return JSON.stringify(doc);
}

test(`all ${cases.length} bad bundles get a clear answer in the browser, and none crashes the app`, { timeout: 10 * 60_000 }, async () => {
  const failures = [];
  for (const c of cases) {
    Object.assign(replace, bundleOnly(bundleText(c)));
    const { page, context, errors } = await openPage(shared.browser);
    try {
      const path = c.generate === 'markup-everywhere' ? `/news/${original.news[0].id}` : '/news';
      await page.goto(`${shared.server.url}${path}?lang=en`);
      await page.locator('main h1, [data-testid=bundle-error]').first().waitFor({ timeout: 30_000 });
      const error = page.getByTestId('bundle-error');
      if (c.outcome === 'refused') {
        const text = await error.innerText();
        assert.ok(text.includes(c.en), `bundle-error says "${c.en}": ${text.slice(0, 300)}`);
        if (c.path) assert.ok(text.includes(c.path), `bundle-error names ${c.path}`);
      } else {
        assert.equal(await error.count(), 0, 'no bundle-error');
        if (c.outcome === 'partial') {
          const dropped = c.dropped < 0 ? original.news.length : c.dropped;
          const notice = dropped === 1 ? '1 item had errors and is not shown' : `${dropped} items had errors and are not shown`;
          await page.getByText(notice).waitFor();
        }
      }
      if (c.generate === 'markup-everywhere') {
        await page.locator('main h1').first().waitFor();
        assert.equal((await page.locator('main h1').innerText()).trim(), MARKUP, 'shown as text');
        assert.equal(await page.evaluate(() => window.__pwned), undefined, 'never run');
      }
      assert.equal(await page.locator('.crash').count(), 0, 'no crash notice');
      assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), []);
    } catch (failure) {
      failures.push(`${c.name}: ${failure.message}`);
    } finally {
      await context.close();
    }
  }
  assert.deepEqual(failures, []);
});
