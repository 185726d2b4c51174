// End-to-end: a story sent from the form with consent to publish under the author's name is
// approved and exported by the receiver's `review` commands into a copy of the built bundle,
// the dataset is built again from it, and the app served with it shows the story under that name, with no trace of the contact; a
// story sent without that consent, approved all the same, is never exported.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openPage } from './browser.mjs';
import { DIST, buildDataset, startServer } from './server.mjs';
import { startReceiver } from './receiver.mjs';
import { makeJpeg } from './photos.mjs';
import { fillStory, sendStory, waitForState } from './story-form.mjs';

const shared = {};

before(async () => {
  shared.receiver = await startReceiver();
  shared.server = await startServer({ api: () => shared.receiver.url });
  shared.browser = await launch();
  shared.site = await mkdtemp(join(tmpdir(), 'city-comms-published-'));
});
after(async () => {
  await shared.browser?.close();
  await shared.server?.close();
  await shared.published?.close();
  await shared.receiver?.close();
  if (shared.site) await rm(shared.site, { recursive: true, force: true });
});

const AUTHOR = 'สมหญิง ใจดีมาก';
const EMAIL = 'somying.publication@example.com';
const PHONE = '089-555-1234';

/** Writes a story in the form and waits until the receiver has it. */
async function send({ title, contact, publish }) {
  const { page, context } = await openPage(shared.browser, { width: 400, height: 900 });
  await page.goto(`${shared.server.url}/stories/new`);
  await page.getByRole('button', { name: 'ส่งเรื่องเล่า' }).waitFor();
  await fillStory(page, { title, author: AUTHOR, contact, district: '1020' });
  if (publish) {
    await page.getByRole('checkbox', { name: /อนุญาตให้กรุงเทพมหานครเผยแพร่/ }).check();
    // Anonymous unless the citizen chooses otherwise.
    assert.equal(await page.getByRole('radio', { name: 'ไม่ระบุชื่อ' }).isChecked(), true);
    await page.getByRole('radio', { name: new RegExp(`ชื่อที่ให้ไว้: ${AUTHOR}`) }).check();
    const photo = await makeJpeg(page, 800, 600);
    await page.getByLabel('รูปภาพ').setInputFiles({ name: 'canal.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.locator('.photo-preview').waitFor();
  }
  await sendStory(page);
  await waitForState(page, title, 'sent');
  await context.close();
  const story = shared.receiver.dump().stories.find((s) => s.title === title);
  assert.ok(story, `${title} stored`);
  return story;
}

test('a story published with consent shows under the chosen name, and one without consent never leaves the receiver', async () => {
  const stamp = Date.now();
  const named = await send({ title: `เผยแพร่ได้ ${stamp}`, contact: EMAIL, publish: true });
  const unasked = await send({ title: `ไม่ให้เผยแพร่ ${stamp}`, contact: PHONE, publish: false });
  assert.deepEqual(named.publication, { allowed: true, name: 'given' });
  assert.equal(unasked.publication, null);

  for (const story of [named, unasked]) shared.receiver.review('approve', story.id);
  const listed = shared.receiver.review('list');
  assert.match(listed.split('\n').find((line) => line.startsWith(unasked.id)), /not exported: no consent to publish/);
  assert.match(shared.receiver.review('show', named.id), new RegExp(EMAIL.replace(/\./g, '\\.')), 'staff see the contact');

  await cp(DIST, shared.site, { recursive: true });
  const bundlePath = join(shared.site, 'data', 'bundle.json');
  shared.receiver.review('export', bundlePath);
  const text = await readFile(bundlePath, 'utf8');
  const { stories } = JSON.parse(text);
  const exported = stories.find((s) => s.id === named.id);
  assert.ok(exported, 'the story with consent is exported');
  assert.equal(exported.author, AUTHOR);
  assert.equal(exported.images.length, 1);
  assert.equal(stories.find((s) => s.id === unasked.id), undefined, 'no consent: not exported');
  for (const secret of [EMAIL, 'somying.publication', PHONE, '0895551234']) assert.ok(!text.includes(secret), secret);

  // The next build publishes them.
  buildDataset(bundlePath, join(shared.site, 'data'));
  const published = await readFile(join(shared.site, 'data', 'manifest.json'), 'utf8');
  assert.ok(published.includes(named.title), 'the story is in the dataset');
  for (const secret of [EMAIL, 'somying.publication', PHONE, '0895551234']) assert.ok(!published.includes(secret), secret);
  shared.published = await startServer({ root: shared.site });
  const { page, context, errors } = await openPage(shared.browser, { width: 400, height: 900 });
  await page.goto(`${shared.published.url}/stories`);
  const card = page.locator('[data-testid=story-card]').filter({ hasText: named.title });
  await card.waitFor({ timeout: 15_000 });
  assert.match(await card.textContent(), new RegExp(AUTHOR));
  assert.equal(await page.locator('[data-testid=story-card]').filter({ hasText: unasked.title }).count(), 0);

  const served = await page.evaluate(async () => (await fetch('/data/bundle.json')).text());
  assert.equal(served, text);
  for (const secret of [EMAIL, PHONE, '0895551234']) {
    assert.ok(!served.includes(secret), `${secret} in the served bundle`);
    assert.ok(!(await page.content()).includes(secret), `${secret} on the page`);
  }
  const image = await page.evaluate(async (src) => {
    const response = await fetch(src);
    return { status: response.status, type: response.headers.get('content-type'), size: (await response.arrayBuffer()).byteLength };
  }, exported.images[0].src);
  assert.equal(image.status, 200);
  assert.equal(image.type, 'image/jpeg');
  assert.ok(image.size > 1000);
  assert.deepEqual(errors.filter((e) => !/Failed to load resource|net::ERR_/.test(e)), []);
  await context.close();
});
