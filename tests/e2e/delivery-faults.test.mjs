// End-to-end, under fire: stories written one after another in Chromium while the real
// receiver fails at random (5xx, 429, answers too late for the app to wait, connections
// closed after the story was stored), goes down and comes back, the device goes offline, and
// the page is reloaded. Every story must end up stored exactly once.
//
// FAULT_STORIES sets how many stories (default 200). The figures are written to
// tests/e2e/artifacts/delivery-faults.json.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launch, openPage } from './browser.mjs';
import { startServer } from './server.mjs';
import { startReceiver } from './receiver.mjs';
import { fillStory, outboxItems, sendStory } from './story-form.mjs';
import { readDeviceDb } from './device.mjs';

const STORIES = Number(process.env.FAULT_STORIES ?? 200);
const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const FAULTS = {
  seed: 20261122,
  'fail-rate': 0.15,
  'busy-rate': 0.05,
  'drop-rate': 0.1,
  'delay-rate': 0.01,
  // Longer than the app waits for a text-only story (15 s): it gives up, the receiver stores.
  'delay-ms': 16000,
};
const shared = {};

before(async () => {
  shared.receiver = await startReceiver(FAULTS);
  shared.server = await startServer({ api: () => shared.receiver.url });
  shared.browser = await launch();
});
after(async () => {
  await shared.browser?.close();
  await shared.server?.close();
  await shared.receiver?.close();
});

test(`${STORIES} stories through random faults are each stored exactly once`, { timeout: 20 * 60_000 }, async () => {
  const { page, context } = await openPage(shared.browser, { width: 400, height: 900 });
  const run = Date.now().toString(36);
  const titles = [];
  const events = { reloads: 0, offline_spells: 0, receiver_outages: 0 };
  await page.goto(`${shared.server.url}/stories/new`);
  for (let i = 0; i < STORIES; i++) {
    await page.getByRole('button', { name: 'ส่งเรื่องเล่า' }).waitFor();
    const title = `เรื่องที่ ${i + 1} ของรอบ ${run}`;
    titles.push(title);
    await fillStory(page, { title, text: `เรื่องดี ๆ หมายเลข ${i + 1}`, district: String(1001 + (i % 50)) });
    await sendStory(page);
    if (i % 25 === 24) {
      events.reloads += 1;
      await page.reload();
    }
    if (i % 40 === 10) {
      events.offline_spells += 1;
      await context.setOffline(true);
      await page.waitForTimeout(2000);
      await context.setOffline(false);
    }
    if (i % 50 === 30) {
      events.receiver_outages += 1;
      await shared.receiver.stop();
      await page.waitForTimeout(3000);
      await shared.receiver.start();
    }
    await page.getByRole('link', { name: 'เล่าอีกเรื่อง' }).click();
  }
  await page.goto(`${shared.server.url}/stories/mine`);
  const started = Date.now();
  const sent = page.locator('[data-testid=outbox-item][data-state=sent]');
  // A story's number in this run, and the seconds until an entry's next attempt.
  const numberOf = (request) => titles.indexOf(request.title) + 1;
  const secondsUntil = (at, now) => (at === undefined ? undefined : Math.round((at - now) / 1000));
  // Each state a story not yet delivered was seen in while the run settles, with when, by
  // the story's number.
  const waits = new Map();
  while ((await sent.count()) < STORIES && Date.now() - started < 10 * 60_000) {
    const now = await page.evaluate(() => Date.now());
    for (const { request, delivery } of (await readDeviceDb(page)).outbox) {
      if (delivery.state === 'sent') continue;
      const story = numberOf(request);
      const seen = waits.get(story) ?? [];
      const { state, attempts, last_failure: failure, next_at: nextAt } = delivery;
      const last = seen.at(-1);
      if (last?.state !== state || last?.attempts !== attempts) {
        seen.push({ second: Math.round((now - started) / 1000), state, attempts, failure, due_in_seconds: secondsUntil(nextAt, now) });
      }
      waits.set(story, seen);
    }
    await page.waitForTimeout(2000);
  }
  const settleSeconds = Math.round((Date.now() - started) / 1000);
  const onDevice = await outboxItems(page).evaluateAll((items) =>
    items.map((item) => ({ id: item.dataset.id, state: item.dataset.state })),
  );

  // What the device holds of any story it has not seen arrive: its state, attempts and the
  // wait it was in, so that a run that does not settle says why.
  const now = await page.evaluate(() => Date.now());
  const undelivered = (await readDeviceDb(page)).outbox
    .filter((entry) => entry.delivery.state !== 'sent')
    .map(({ id, created, request, delivery }) => ({
      id,
      story: numberOf(request),
      seconds_since_sent: Math.round((now - created) / 1000),
      delivery,
      seconds_until_due: secondsUntil(delivery.next_at, now) ?? null,
    }));

  const stories = shared.receiver.dump().stories.filter((story) => story.title.endsWith(run));
  const count = new Map();
  for (const story of stories) count.set(story.title, (count.get(story.title) ?? 0) + 1);
  const report = {
    sent: titles.length,
    stored: stories.length,
    duplicated: [...count.values()].filter((n) => n > 1).length,
    lost: titles.filter((title) => !count.has(title)).length,
    retries_answered_200: stories.reduce((sum, story) => sum + story.repeats, 0),
    delivered_on_device: onDevice.filter((item) => item.state === 'sent').length,
    seconds_to_settle_after_last_story: settleSeconds,
    undelivered,
    waits_while_settling: Object.fromEntries(waits),
    faults: FAULTS,
    ...events,
  };
  await mkdir(ARTIFACTS, { recursive: true });
  await writeFile(`${ARTIFACTS}delivery-faults.json`, `${JSON.stringify(report, null, 2)}\n`);
  console.log('delivery under faults:', JSON.stringify(report));

  assert.equal(report.lost, 0, 'no story lost');
  assert.equal(report.duplicated, 0, 'no story stored twice');
  assert.equal(report.stored, STORIES);
  assert.equal(report.delivered_on_device, STORIES, 'the device knows every story arrived');
  const storedIds = new Set(stories.map((story) => story.id));
  assert.ok(onDevice.every((item) => storedIds.has(item.id)), 'the ids on the device are the ids stored');
  assert.ok(report.retries_answered_200 > 0, 'some retries hit stories already stored (the faults did bite)');
  await context.close();
});
