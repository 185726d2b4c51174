// End-to-end: finding news on /news with filters and Thai search, kept in the address bar.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openPage } from './browser.mjs';
import { sharedBrowserAndServer } from './shared.mjs';
import { DIST, bundleOnly, startServer } from './server.mjs';

const bundle = JSON.parse(await readFile(`${DIST}data/bundle.json`, 'utf8'));
const groupOf = Object.fromEntries(bundle.districts.map((d) => [d.code, d.group]));
const group = (item) => item.group ?? groupOf[item.district];

const shared = sharedBrowserAndServer();

/** The count shown once the list has its answer (a dataset's comes after its files). */
async function count(page) {
  const settled = () => page.locator('.results[aria-busy=false]').waitFor();
  await settled();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await settled();
  return Number(await page.getByTestId('result-count').innerText());
}

/** The headline of every card shown, after showing them all. */
async function headlines(page) {
  const more = page.getByRole('button', { name: /แสดงข่าวเพิ่ม|Show more news/ });
  while (await more.count()) await more.click();
  return page.getByTestId('news-card').getByRole('heading').allInnerTexts();
}

test('filtering by a group and a theme, then searching in Thai, narrows the list and the back button undoes each step', async () => {
  const { page, errors, context } = await openPage(shared.browser);
  await page.goto(`${shared.server.url}/news`);
  await page.getByTestId('news-card').first().waitFor();
  const all = await count(page);

  const groupName = bundle.district_groups.find((g) => g.id === 'thon-nuea').name.th;
  await page.getByRole('group', { name: 'กลุ่มเขต' }).getByLabel(new RegExp(`^${groupName}`)).check();
  await page.waitForURL(/group=thon-nuea/);
  const inGroup = bundle.news.filter((n) => group(n) === 'thon-nuea');
  assert.equal(await count(page), inGroup.length);

  const theme = bundle.plan.themes.find((t) => inGroup.some((n) => n.themes?.includes(t.id)));
  await page.getByRole('group', { name: 'ขอบข่ายเนื้อหา' }).getByLabel(new RegExp(`^${theme.name.th}`)).check();
  await page.waitForURL(new RegExp(`theme=${theme.id}`));
  const inBoth = inGroup.filter((n) => n.themes?.includes(theme.id));
  assert.equal(await count(page), inBoth.length);

  // Districts on offer narrow to the chosen group's.
  const districtBoxes = page.getByRole('group', { name: 'เขต', exact: true }).getByRole('checkbox');
  const visible = await districtBoxes.evaluateAll((boxes) => boxes.filter((b) => b.offsetParent !== null).length);
  assert.equal(visible, bundle.districts.filter((d) => d.group === 'thon-nuea').length);

  await page.goBack();
  await page.waitForURL((url) => !url.search.includes('theme='));
  assert.equal(await count(page), inGroup.length);
  await page.goBack();
  await page.waitForURL((url) => url.search === '');
  assert.equal(await count(page), all);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a search typed key by key is one step back: the address follows the box, and Back returns to the list without it', async () => {
  const { page, errors, context } = await openPage(shared.browser);
  await page.goto(`${shared.server.url}/news`);
  await page.getByTestId('news-card').first().waitFor();
  const all = await count(page);
  const box = page.locator('#news-q');
  await box.pressSequentially('คลอง', { delay: 40 });
  await page.waitForURL((url) => url.searchParams.get('q') === 'คลอง');
  const found = await count(page);
  assert.ok(found > 0 && found < all, `${found} of ${all}`);
  await box.pressSequentially(' ขยะ', { delay: 40 });
  await page.waitForURL((url) => url.searchParams.get('q') === 'คลอง ขยะ');
  assert.ok((await count(page)) <= found);

  await page.goBack();
  await page.waitForURL((url) => !url.searchParams.has('q'));
  assert.equal(await box.inputValue(), '', 'the box follows the address back');
  assert.equal(await count(page), all);
  await page.goForward();
  await page.waitForURL((url) => url.searchParams.get('q') === 'คลอง ขยะ');
  assert.equal(await box.inputValue(), 'คลอง ขยะ');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a Thai word is found inside running text and highlighted where it matched', async () => {
  const { page, errors, context } = await openPage(shared.browser);
  await page.goto(`${shared.server.url}/news`);
  const search = page.getByRole('searchbox', { name: 'ค้นหา' });
  await search.fill('คลอง');
  await page.waitForURL(/q=/);
  const expected = bundle.news.filter((n) =>
    [n.title.th, n.title.en, n.summary?.th, n.summary?.en, n.body.th, n.body.en, n.author, n.credit]
      .some((text) => text?.toLowerCase().includes('คลอง')));
  assert.equal(await count(page), expected.length);
  const marks = await page.getByTestId('news-card').locator('mark').allInnerTexts();
  assert.ok(marks.length > 0 && marks.every((m) => m === 'คลอง'), JSON.stringify(marks));
  // Title matches come first.
  const titles = await headlines(page);
  const firstBodyOnly = titles.findIndex((t) => !t.includes('คลอง'));
  assert.ok(firstBodyOnly === -1 || titles.slice(firstBodyOnly).every((t) => !t.includes('คลอง')), 'title matches first');
  // Also when the one headline that holds the word is older than other items with it.
  const titled = bundle.news.filter((n) => n.title.th.includes('ขยะ'));
  const newer = bundle.news.filter((n) => n.body.th.includes('ขยะ') && !n.title.th.includes('ขยะ') && n.published > titled[0]?.published);
  assert.ok(titled.length === 1 && newer.length > 0, 'the bundle has such a word');
  await search.fill('ขยะ');
  await page.waitForURL(/q=%E0%B8%82/);
  await count(page);
  assert.equal((await page.getByTestId('news-card').getByRole('heading').first().innerText()).trim(), titled[0].title.th);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a shared address opens the same results in a new page, and a reload keeps them', async () => {
  const { page, errors, context } = await openPage(shared.browser);
  await page.goto(`${shared.server.url}/news`);
  await page.getByRole('searchbox', { name: 'ค้นหา' }).fill('ขยะ');
  await page.getByRole('group', { name: 'นโยบาย 9 ด้าน' }).getByLabel(/^สิ่งแวดล้อมดี/).check();
  await page.waitForURL(/policy=environment/);
  await page.getByLabel('เรียงตาม').selectOption('oldest');
  await page.waitForURL(/sort=oldest/);
  const address = page.url();
  const shown = await headlines(page);
  assert.ok(shown.length > 0);

  const other = await openPage(shared.browser);
  await other.page.goto(address);
  await other.page.getByTestId('news-card').first().waitFor();
  assert.deepEqual(await headlines(other.page), shown);
  assert.equal(await other.page.getByRole('searchbox', { name: 'ค้นหา' }).inputValue(), 'ขยะ');
  assert.ok(await other.page.getByRole('group', { name: 'นโยบาย 9 ด้าน' }).getByLabel(/^สิ่งแวดล้อมดี/).isChecked());

  await other.page.reload();
  await other.page.getByTestId('news-card').first().waitFor();
  assert.deepEqual(await headlines(other.page), shown);
  assert.deepEqual(errors, []);
  assert.deepEqual(other.errors, []);
  await other.context.close();
  await context.close();
});

test('a search that finds nothing says so and offers to drop the filter that emptied it', async () => {
  const { page, errors, context } = await openPage(shared.browser, { locale: 'en-US' });
  await page.goto(`${shared.server.url}/news?group=east&q=${encodeURIComponent('บางกอกน้อย')}&group=no-such-group`);
  await page.getByText('No news matches this search').waitFor();
  assert.equal(await count(page), 0);
  const offer = page.getByRole('button', { name: /Remove the district group filter/ });
  await offer.click();
  await page.waitForURL((url) => !url.search.includes('group='));
  assert.ok((await count(page)) > 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('unknown values in the address are ignored and the rest still works', async () => {
  const { page, errors, context } = await openPage(shared.browser);
  await page.goto(`${shared.server.url}/news?theme=no-such-theme&district=1020&from=2019-02-30&sort=sideways`);
  await page.getByTestId('news-card').first().waitFor();
  assert.equal(await count(page), bundle.news.filter((n) => n.district === '1020').length);
  assert.deepEqual(errors, []);
  await context.close();
});

test('thousands of matches put one page of cards in the document, not thousands', async () => {
  const { generate } = await import('../bench/generate.mjs');
  const big = await startServer({ replace: bundleOnly(JSON.stringify(generate(2000))) });
  const { page, errors, context } = await openPage(shared.browser);
  await page.goto(`${big.url}/news?q=${encodeURIComponent('สำนักงานเขต')}`);
  await page.getByTestId('news-card').first().waitFor();
  const matches = await count(page);
  assert.ok(matches > 1000, `${matches} matches`);
  assert.equal(await page.getByTestId('news-card').count(), 20);
  assert.ok((await page.locator('.more__status').innerText()).includes(`แสดง 20 จาก ${matches} ข่าว`));
  await page.getByRole('button', { name: 'แสดงข่าวเพิ่ม' }).click();
  await page.getByTestId('news-card').nth(39).waitFor();
  assert.equal(await page.getByTestId('news-card').count(), 40);
  assert.deepEqual(errors, []);
  await context.close();
  await big.close();
});

test('a search typed key by key ends with its whole first page drawn, the same cards a shared address shows', async () => {
  // A typed key draws a screenful of cards in its own frame and the rest of the page after
  // that frame: the rest must come, and be the right cards.
  const { generate } = await import('../bench/generate.mjs');
  const big = await startServer({ replace: bundleOnly(JSON.stringify(generate(2000))) });
  const q = 'สำนักงานเขต';
  const { page, errors, context } = await openPage(shared.browser);
  await page.goto(`${big.url}/news?q=${encodeURIComponent(q)}`);
  await page.getByTestId('news-card').first().waitFor();
  await count(page);
  const shared20 = await page.getByTestId('news-card').getByRole('heading').allTextContents();
  assert.equal(shared20.length, 20);
  await page.goto(`${big.url}/news`);
  await page.getByTestId('news-card').first().waitFor();
  await page.locator('#news-q').pressSequentially(q, { delay: 60 });
  await page.waitForURL((url) => url.searchParams.get('q') === q);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=news-card]').length === 20);
  assert.deepEqual(await page.getByTestId('news-card').getByRole('heading').allTextContents(), shared20);
  const marked = await page.getByTestId('news-card').locator('mark').allTextContents();
  assert.ok(marked.length > 0 && marked.every((m) => m === q), `the cards mark the whole word: ${[...new Set(marked)].join(' ')}`);
  assert.deepEqual(errors, []);
  await context.close();
  await big.close();
});

test('a quick date choice sets the range in the address, in the Buddhist era for Thai readers', async () => {
  const { page, errors, context } = await openPage(shared.browser);
  await page.goto(`${shared.server.url}/news`);
  await page.getByTestId('news-card').first().waitFor();
  const thisYear = page.getByRole('button', { name: /^ปีนี้ \(พ\.ศ\. \d{4}\)$/ });
  const label = await thisYear.innerText();
  const year = Number(label.match(/\d{4}/)[0]) - 543;
  await thisYear.click();
  await page.waitForURL(new RegExp(`from=${year}-01-01&to=${year}-`));
  assert.equal(await thisYear.getAttribute('aria-pressed'), 'true');
  const inYear = bundle.news.filter((n) => n.published.startsWith(String(year)));
  assert.equal(await count(page), inYear.length);
  assert.deepEqual(errors, []);
  await context.close();
});
