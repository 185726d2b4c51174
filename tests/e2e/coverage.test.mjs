// End-to-end: the plan's monitoring, /plan/coverage, over a dataset compiled from generated
// news whose counts this file makes itself from the source bundle: every cell, total, policy
// month and silence as counted here; a cell opens exactly its news; the page's CSV is byte for
// byte what `city-comms-data coverage` writes; and a keyboard reaches every cell.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openPage } from './browser.mjs';
import { COMPILER, DIST, buildDataset, startServer } from './server.mjs';

const FROM = '2025-10-01';
const TO = '2026-09-30';
const shared = {};

/** 900 items over two fiscal years, from a fixed pseudo-random sequence. */
function generated(base) {
  let seed = 20261130;
  const next = (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const start = Date.UTC(2025, 9, 1);
  const news = [];
  for (let i = 0; i < 900; i += 1) {
    const theme = base.plan.themes[next(base.plan.themes.length)];
    const topic = next(3) === 0 ? theme.priority_topics[next(theme.priority_topics.length)] : null;
    const day = new Date(start + next(730) * 86_400_000).toISOString().slice(0, 10);
    const item = {
      id: `generated-${i}`,
      title: { th: `ข่าวทดสอบ ${i}` },
      published: day,
      body: { th: 'เนื้อหาทดสอบ' },
      views: next(500),
      sample: true,
    };
    if (next(6) > 0) item.district = base.districts[next(base.districts.length)].code;
    if (next(5) > 0) item.themes = [theme.id];
    if (topic) item.topics = [topic.id];
    if (next(4) > 0) item.policies = [base.policies[next(base.policies.length)].id];
    news.push(item);
  }
  return { ...base, generated_at: '2026-09-30T12:00:00+07:00', news };
}

before(async () => {
  const base = JSON.parse(await readFile(join(DIST, 'data/bundle.json'), 'utf8'));
  shared.bundle = generated(base);
  shared.place = await mkdtemp(join(tmpdir(), 'city-comms-coverage-'));
  await cp(DIST, shared.place, { recursive: true });
  shared.source = join(shared.place, 'source.json');
  await writeFile(shared.source, JSON.stringify(shared.bundle));
  await rm(join(shared.place, 'data'), { recursive: true });
  buildDataset(shared.source, join(shared.place, 'data'));
  shared.browser = await launch();
  shared.server = await startServer({ root: shared.place });
});

after(async () => {
  await shared.browser?.close();
  await shared.server?.close();
  await rm(shared.place, { recursive: true, force: true });
});

/** Counted here from the source: what an item's group, themes and topics are. */
function expected(bundle) {
  const groupOf = new Map(bundle.districts.map((d) => [d.code, d.group]));
  const themeOfTopic = new Map(bundle.plan.themes.flatMap((t) => t.priority_topics.map((p) => [p.id, t.id])));
  return bundle.news
    .filter((n) => n.published >= FROM && n.published <= TO)
    .map((n) => {
      const themes = new Set(n.themes ?? []);
      for (const topic of n.topics ?? []) themes.add(themeOfTopic.get(topic));
      return { ...n, group: n.district ? groupOf.get(n.district) : undefined, themeSet: themes };
    });
}

async function openCoverage(query = `?from=${FROM}&to=${TO}`) {
  const opened = await openPage(shared.browser);
  await opened.page.goto(`${shared.server.url}/plan/coverage${query}`);
  await opened.page.getByTestId('coverage-summary').waitFor();
  return opened;
}

test('every cell and total of the grid is the count of its items, and the gaps and policy months agree', async () => {
  const { page, errors, context } = await openCoverage();
  const current = page.locator('.coverage__periods [aria-current=page]');
  assert.deepEqual(await current.allInnerTexts(), ['2569'], 'the fiscal year chosen, and nothing else, is marked');
  const items = expected(shared.bundle);
  assert.ok(items.length > 300, 'the period has items to count');
  for (const theme of shared.bundle.plan.themes) {
    for (const group of shared.bundle.district_groups) {
      const cell = page.locator(`[data-testid=coverage-cell][data-theme="${theme.id}"][data-group="${group.id}"]`);
      const count = items.filter((n) => n.themeSet.has(theme.id) && n.group === group.id).length;
      assert.equal(Number(await cell.innerText()), count, `${theme.id} × ${group.id}`);
    }
    const total = page.locator('tr', { has: page.locator(`[data-testid=coverage-cell][data-theme="${theme.id}"]`) }).getByTestId('coverage-total');
    assert.equal(Number(await total.innerText()), items.filter((n) => n.themeSet.has(theme.id)).length, `${theme.id} total`);
  }
  // Topics: the theme's rows open to them.
  const theme = shared.bundle.plan.themes[1];
  const topic = theme.priority_topics[0];
  const topicCell = page.locator(`[data-testid=coverage-topic-cell][data-topic="${topic.id}"][data-group="${shared.bundle.district_groups[0].id}"]`);
  assert.equal(await topicCell.isVisible(), false, 'topics start folded');
  await page.getByRole('button', { name: `ประเด็นเน้นหนักของ ${theme.name.th}` }).click();
  await topicCell.waitFor();
  const topicCount = items.filter((n) => (n.topics ?? []).includes(topic.id) && n.group === shared.bundle.district_groups[0].id).length;
  assert.equal(Number(await topicCell.innerText()), topicCount);

  // The policies month by month, in the table beside the chart.
  const rows = page.locator('.coverage-policies tbody tr');
  assert.equal(await rows.count(), shared.bundle.policies.length);
  const months = ['2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09'];
  for (const [p, policy] of shared.bundle.policies.entries()) {
    const shown = (await rows.nth(p).locator('td').allInnerTexts()).map(Number);
    const counted = months.map((m) => items.filter((n) => (n.policies ?? []).includes(policy.id) && n.published.startsWith(m)).length);
    assert.deepEqual(shown, counted, policy.id);
  }
  assert.equal(await page.locator('.policy-chart svg[role=img][aria-label]').count(), shared.bundle.policies.length);

  // Silent districts: none in the 30 days up to 30 September 2026.
  const quiet = shared.bundle.districts.filter((d) => !shared.bundle.news.some((n) => n.district === d.code && n.published > '2026-08-31' && n.published <= TO));
  assert.equal(Number((await page.getByTestId('gap-silent-districts').innerText()).split(/\s/)[0]), quiet.length);
  const unclassified = items.filter((n) => n.themeSet.size === 0 && !(n.policies ?? []).length).length;
  assert.match(await page.getByTestId('gap-unclassified').innerText(), new RegExp(`^${unclassified} / ${items.length} `));
  assert.match(await page.locator('.coverage__fetched').innerText(), /อ่านข้อมูลสำหรับการนับ \d+ ไฟล์/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a cell opens the news list with exactly the items it counts', async () => {
  const { page, errors, context } = await openCoverage();
  const cells = page.getByTestId('coverage-cell');
  let chosen = null;
  for (let i = 0; i < (await cells.count()) && !chosen; i += 1) {
    if (Number(await cells.nth(i).innerText()) > 1) chosen = cells.nth(i);
  }
  const count = Number(await chosen.innerText());
  await chosen.click();
  await page.waitForURL(/\/news\?/);
  await page.locator('.results[aria-busy=false]').waitFor();
  await page.waitForFunction((n) => document.querySelector('[data-testid=result-count]')?.textContent === String(n), count);
  assert.match(page.url(), new RegExp(`from=${FROM}&to=${TO}`));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the CSV the page downloads is what the command line writes, and both are figures of the same news', async () => {
  const { page, context } = await openCoverage();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'ดาวน์โหลดตัวเลข (CSV)' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `coverage-${FROM}-${TO}.csv`);
  const fromPage = await readFile(await download.path(), 'utf8');
  const written = join(shared.place, 'cli.csv');
  const table = execFileSync(COMPILER, ['coverage', shared.source, '--from', FROM, '--to', TO, '--csv', written], { encoding: 'utf8' });
  const fromCommand = await readFile(written, 'utf8');
  assert.ok(fromCommand.startsWith('\uFEFFfigure,from,to,'));
  assert.equal(fromPage, fromCommand);
  // The printed table says the same as the page's first row.
  const first = shared.bundle.plan.themes[0];
  const line = table.split('\n').find((l) => l.startsWith(first.name.th));
  const cells = await page.locator(`[data-testid=coverage-cell][data-theme="${first.id}"]`).allInnerTexts();
  assert.deepEqual(line.trim().split(/\s{2,}/).slice(1, 1 + cells.length).map((c) => c.split('/')[0]), cells);
  await context.close();
});

test('a keyboard reaches every cell of the grid', async () => {
  const { page, context } = await openCoverage();
  const cells = await page.getByTestId('coverage-cell').count();
  const reached = new Set();
  for (let i = 0; i < 400 && reached.size < cells; i += 1) {
    await page.keyboard.press('Tab');
    const key = await page.evaluate(() => {
      const el = document.activeElement;
      return el?.dataset.testid === 'coverage-cell' ? `${el.dataset.theme}/${el.dataset.group}` : null;
    });
    if (key) reached.add(key);
  }
  assert.equal(reached.size, cells);
  await context.close();
});

test('a quarter chosen puts its dates in the address and counts only them', async () => {
  const { page, context } = await openCoverage();
  await page.getByRole('link', { name: 'ไตรมาส 2', exact: true }).click();
  await page.waitForURL(/from=2026-01-01&to=2026-03-31/);
  await page.getByText('ไตรมาส 2 ปีงบประมาณ 2569: ข่าว').waitFor();
  const inQuarter = shared.bundle.news.filter((n) => n.published >= '2026-01-01' && n.published <= '2026-03-31').length;
  assert.match(await page.getByTestId('coverage-summary').innerText(), new RegExp(`ข่าว ${inQuarter} รายการ`));
  assert.deepEqual(await page.locator('.coverage__periods [aria-current=page]').allInnerTexts(), ['ไตรมาส 2']);
  await context.close();
});

test('printed, the page drops its controls and shows every topic, on A4', async () => {
  const { page, context } = await openCoverage();
  const topic = page.getByTestId('coverage-topic-cell').first();
  assert.equal(await topic.isVisible(), false);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await topic.isVisible(), true, 'topics are printed');
  for (const hidden of ['.coverage__choices', '.coverage__actions', '.site-header']) {
    assert.equal(await page.locator(hidden).isVisible(), false, hidden);
  }
  // The page's own @page size: A4 landscape, 297 × 210 mm in points.
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
  const boxes = [...pdf.matchAll(/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Math.round(m[1]), Math.round(m[2])]);
  assert.ok(boxes.length > 0 && boxes.every(([w, h]) => w === 842 && h === 595), JSON.stringify(boxes));
  await context.close();
});

test('a district group opens to its districts, with the news of each, and one district to itself', async () => {
  const group = shared.bundle.district_groups[2];
  const { page, context } = await openCoverage(`?from=${FROM}&to=${TO}&group=${group.id}`);
  const districts = shared.bundle.districts.filter((d) => d.group === group.id);
  const theme = shared.bundle.plan.themes[0];
  const items = expected(shared.bundle);
  for (const district of districts) {
    const cell = page.locator(`[data-testid=coverage-cell][data-theme="${theme.id}"][data-district="${district.code}"]`);
    assert.equal(Number(await cell.innerText()), items.filter((n) => n.themeSet.has(theme.id) && n.district === district.code).length);
  }
  assert.equal(await page.locator('.coverage-districts tbody tr').count(), districts.length);

  // One district of the group, chosen from the area's links.
  const one = districts[0];
  await page.getByRole('navigation', { name: 'พื้นที่' }).getByRole('link', { name: one.name.th, exact: true }).click();
  await page.waitForURL(new RegExp(`district=${one.code}`));
  const mine = items.filter((n) => n.district === one.code).length;
  await page.getByText(new RegExp(`ปีงบประมาณ 2569: ข่าว ${mine} รายการ`)).waitFor();
  assert.deepEqual(await page.locator('.coverage-grid thead th').allInnerTexts(), ['ขอบข่ายเนื้อหา / ประเด็นเน้นหนัก', one.name.th, 'รวม']);
  await context.close();
});
