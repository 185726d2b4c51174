// End-to-end: a real panic in the app (the crash-test build, `make build-crash-test`, where
// `?crash-test` asks for one) with a story waiting in the outbox. The page must turn into the
// crash notice, and the story must still be on the device and be delivered once the app is
// opened again.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { axeViolations, launch, openPage } from './browser.mjs';
import { startServer } from './server.mjs';
import { startReceiver } from './receiver.mjs';
import { readDeviceDb } from './device.mjs';
import { fillStory, sendStory, waitForState } from './story-form.mjs';

const CRASH_DIST = fileURLToPath(new URL('../../target/crash-test-dist/', import.meta.url));
const shared = {};

before(async () => {
  shared.receiver = await startReceiver();
  shared.server = await startServer({ root: CRASH_DIST, api: () => shared.receiver.url });
  shared.browser = await launch();
});
after(async () => {
  await shared.browser?.close();
  await shared.server?.close();
  await shared.receiver?.close();
});

test('after a panic the page says so in both languages, and the waiting story is kept and delivered', async () => {
  const { page, context, errors } = await openPage(shared.browser, { width: 400, height: 900 });
  await shared.receiver.stop();
  await page.goto(`${shared.server.url}/stories/new`);
  await fillStory(page, { title: 'เรื่องที่รอดจากแอปขัดข้อง', author: 'สมศรี' });
  await sendStory(page);
  await waitForState(page, 'เรื่องที่รอดจากแอปขัดข้อง', 'queued');

  await page.goto(`${shared.server.url}/stories/mine?crash-test`);
  const notice = page.getByRole('alert');
  await notice.filter({ hasText: 'ขออภัย แอปขัดข้อง' }).waitFor({ timeout: 10_000 });
  assert.match(await notice.innerText(), /Sorry, something went wrong/);
  assert.equal(await page.locator('[data-testid=outbox-item]').count(), 0, 'the frozen app is gone');
  for (const lang of ['th', 'en']) {
    const again = notice.locator(`[lang="${lang}"] a.button`);
    assert.equal(await again.getAttribute('href'), `${shared.server.url}/stories/mine?crash-test`, `the ${lang} link opens the page again`);
  }
  assert.deepEqual(await axeViolations(page), [], 'the crash notice meets WCAG 2.2 AA');
  // The link loads the page anew: the crashed document, with its mark, is gone.
  await page.evaluate(() => (window.crashedDocument = true));
  await Promise.all([page.waitForEvent('load'), notice.locator('[lang="th"] a.button').click()]);
  assert.equal(await page.evaluate(() => window.crashedDocument), undefined, 'the link did not reload the page');
  // The release build stops at the panic itself (no unwinding, no hook): the browser reports
  // the trap, whose stack names the wasm's functions by index, as a repeatable build maps them.
  assert.ok(errors.some((e) => /RuntimeError: unreachable/.test(e)), errors.join('\n'));

  const kept = (await readDeviceDb(page)).outbox;
  assert.equal(kept.length, 1);
  assert.equal(kept[0].request.title, 'เรื่องที่รอดจากแอปขัดข้อง');
  assert.equal(kept[0].request.author, 'สมศรี');

  await shared.receiver.start();
  await page.goto(`${shared.server.url}/stories/mine`);
  await waitForState(page, 'เรื่องที่รอดจากแอปขัดข้อง', 'sent', 30_000);
  const stored = shared.receiver.dump().stories.filter((s) => s.title === 'เรื่องที่รอดจากแอปขัดข้อง');
  assert.equal(stored.length, 1);
  await context.close();
});
