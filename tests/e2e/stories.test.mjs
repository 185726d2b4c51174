// End-to-end: BANGKOK STORIES in Chromium against the real receiver and its SQLite database.
// Every test has a browser context of its own, so its IndexedDB (outbox, drafts) starts empty.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openPage } from './browser.mjs';
import { DIST, startServer } from './server.mjs';
import { startReceiver } from './receiver.mjs';
import { exifJpeg, hasExif, jpegSize, makeJpeg } from './photos.mjs';
import { fillStory, outboxItems, sendStory, waitForState } from './story-form.mjs';
import { announceOutboxChange, putInOutbox, readDeviceDb } from './device.mjs';

const bundle = JSON.parse(await readFile(`${DIST}data/bundle.json`, 'utf8'));
const shared = {};

before(async () => {
  shared.receiver = await startReceiver();
  shared.target = shared.receiver;
  shared.server = await startServer({ api: () => shared.target?.url });
  shared.browser = await launch();
});
after(async () => {
  await shared.browser?.close();
  await shared.server?.close();
  await shared.receiver?.close();
});

/** The stored stories with this title. */
function stored(title, receiver = shared.receiver) {
  return receiver.dump().stories.filter((story) => story.title === title);
}

/**
 * Puts on the device beside the delivered story on `page` another one titled `title`, in
 * `delivery`, as if written earlier; gives its id.
 */
async function putAnotherStory(page, title, delivery) {
  const [delivered] = (await readDeviceDb(page)).outbox;
  const id = await page.evaluate(() => crypto.randomUUID());
  await putInOutbox(page, { ...delivered, id, created: Date.now(), request: { ...delivered.request, id, title }, delivery });
  return id;
}

async function newStoryPage(options = {}) {
  const opened = await openPage(shared.browser, { width: 400, height: 900, ...options });
  await opened.page.goto(`${shared.server.url}/stories/new`);
  await opened.page.getByRole('button', { name: 'ส่งเรื่องเล่า' }).waitFor();
  return opened;
}

/** Console errors other than the failed requests a test causes on purpose. */
const unexpected = (errors) => errors.filter((e) => !/Failed to load resource|net::ERR_/.test(e));

describe('the form', () => {
  test('an empty story shows every problem beside its field and in a summary that takes focus', async () => {
    const { page, context, errors } = await newStoryPage();
    await page.getByRole('button', { name: 'ส่งเรื่องเล่า' }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'error-summary');
    const links = summary.getByRole('link');
    assert.deepEqual(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href'))), [
      '#story-title',
      '#story-text',
      '#story-district',
      '#story-consent',
    ]);
    assert.equal(await page.getByLabel('ชื่อเรื่อง').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#story-title-error').innerText(), 'โปรดตั้งชื่อเรื่อง');
    // A summary link takes the citizen to the field.
    await links.nth(1).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'story-text');
    // Typing clears that field's message.
    await page.getByLabel('ชื่อเรื่อง').fill('ชื่อ');
    assert.equal(await page.locator('#story-title-error').count(), 0);
    assert.deepEqual(unexpected(errors), []);
    await context.close();
  });

  test('the messages are in English when the app is', async () => {
    const { page, context } = await openPage(shared.browser, { width: 400, height: 900 });
    await page.goto(`${shared.server.url}/stories/new?lang=en`);
    await page.getByRole('button', { name: 'Send the story' }).click();
    await page.locator('.error-summary').waitFor();
    assert.match(await page.locator('.error-summary').innerText(), /Please give your story a title/);
    await page.getByLabel('E-mail or phone number').fill('not a contact');
    await page.getByRole('button', { name: 'Send the story' }).click();
    assert.match(await page.locator('#story-contact-error').innerText(), /Thai phone number/);
    await context.close();
  });

  test('people who want to complain are pointed to the complaint channel', async () => {
    const { page, context } = await newStoryPage();
    const link = page.getByRole('link', { name: 'แจ้งผ่านช่องทางร้องเรียนของกรุงเทพมหานคร' });
    assert.equal(await link.getAttribute('href'), bundle.config.complaints_url);
    await context.close();
  });

  test('a draft comes back after a reload, and can be thrown away', async () => {
    const { page, context } = await newStoryPage();
    await page.getByLabel('ชื่อเรื่อง').fill('ร่างที่ยังไม่ส่ง');
    await page.getByLabel('เรื่องของคุณ').fill('เขียนไว้ครึ่งเดียว');
    await page.getByRole('combobox', { name: 'เขต' }).selectOption('1001');
    await page.waitForTimeout(800);
    await page.reload();
    await page.getByText('นำร่างที่คุณเขียนไว้กลับมาแล้ว').waitFor();
    assert.equal(await page.getByLabel('ชื่อเรื่อง').inputValue(), 'ร่างที่ยังไม่ส่ง');
    assert.equal(await page.getByLabel('เรื่องของคุณ').inputValue(), 'เขียนไว้ครึ่งเดียว');
    assert.equal(await page.getByRole('combobox', { name: 'เขต' }).inputValue(), '1001');
    await page.getByRole('button', { name: 'เริ่มใหม่' }).click();
    assert.equal(await page.getByLabel('ชื่อเรื่อง').inputValue(), '');
    await page.reload();
    await page.getByRole('button', { name: 'ส่งเรื่องเล่า' }).waitFor();
    await page.waitForTimeout(300);
    assert.equal(await page.getByLabel('ชื่อเรื่อง').inputValue(), '');
    await context.close();
  });

  test('a file that is not a picture, whatever its name, gets a clear message', async () => {
    const { page, context } = await newStoryPage();
    await page.getByLabel('รูปภาพ').setInputFiles({
      name: 'holiday.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from('this is not a picture at all'),
    });
    await page.getByText('ไฟล์นี้ไม่ใช่รูปภาพที่เปิดได้', { exact: false }).waitFor();
    assert.equal(await page.locator('.photo-preview').count(), 0);
    await context.close();
  });

  test('a 50 MB photo gets a clear message and is not kept', async () => {
    const { page, context } = await newStoryPage();
    const dir = await mkdtemp(join(tmpdir(), 'city-comms-photo-'));
    const huge = join(dir, 'huge.jpg');
    await writeFile(huge, Buffer.alloc(50 * 1024 * 1024, 0xff));
    await page.getByLabel('รูปภาพ').setInputFiles(huge);
    await rm(dir, { recursive: true, force: true });
    await page.getByText('ไฟล์รูปใหญ่เกินไป: ไม่เกินรูปละ 20 MB').waitFor();
    assert.equal(await page.locator('.photo-preview').count(), 0);
    await context.close();
  });

  test('a 100,000-character story is refused with its length, and nothing is sent', async () => {
    const { page, context } = await newStoryPage();
    const title = `ยาวมาก ${Date.now()}`;
    await fillStory(page, { title, text: 'ก'.repeat(100_000) });
    await page.getByRole('button', { name: 'ส่งเรื่องเล่า' }).click();
    await page.locator('#story-text-error').waitFor();
    assert.match(await page.locator('#story-text-error').innerText(), /ไม่เกิน 5000 ตัวอักษร \(ตอนนี้ 100000\)/);
    assert.equal(stored(title).length, 0);
    await context.close();
  });

  test('a burst of 100 presses on send in a second sends the story once', async () => {
    const { page, context } = await newStoryPage();
    const title = `กดรัว ${Date.now()}`;
    await fillStory(page, { title });
    await page.evaluate(() => {
      const button = [...document.querySelectorAll('button[type=submit]')][0];
      for (let i = 0; i < 100; i += 1) button.click();
    });
    await page.waitForURL(/\/stories\/mine/);
    await waitForState(page, title, 'sent');
    await page.waitForTimeout(1000);
    assert.equal(await outboxItems(page).count(), 1);
    assert.equal(stored(title).length, 1);
    await context.close();
  });

  test('on a device with no room left, the page says no draft is kept, the story stays in the form with a message, and is sent once there is room', async () => {
    const { page, context, errors } = await newStoryPage();
    // The browser grants the site next to nothing more, as on a phone whose storage is full.
    const cdp = await context.newCDPSession(page);
    const origin = new URL(shared.server.url).origin;
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1024 });
    const title = `เครื่องเต็ม ${Date.now()}`;
    await fillStory(page, { title });
    // While typing: the draft cannot be kept, and the page says so.
    await page.getByRole('status').filter({ hasText: 'แอปจึงเก็บฉบับร่างไว้ไม่ได้' }).waitFor();
    await page.getByRole('button', { name: 'ส่งเรื่องเล่า' }).click();
    await page.getByRole('alert').filter({ hasText: 'พื้นที่เก็บข้อมูลในเครื่องเต็ม เรื่องของคุณยังอยู่ในแบบฟอร์ม' }).waitFor();
    assert.match(page.url(), /\/stories\/new/);
    assert.equal(await page.getByLabel('ชื่อเรื่อง').inputValue(), title);
    assert.deepEqual((await readDeviceDb(page)).outbox, [], 'nothing half-written in the outbox');
    assert.equal(stored(title).length, 0);
    // Room made: the same press sends it, once.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await sendStory(page);
    await waitForState(page, title, 'sent');
    assert.equal(stored(title).length, 1);
    assert.deepEqual(unexpected(errors), []);
    await context.close();
  });

  test('a bot that fills in the hidden field is quietly ignored', async () => {
    const { page, context } = await newStoryPage();
    const title = `บอต ${Date.now()}`;
    await fillStory(page, { title });
    await page.locator('#story-website').fill('http://spam.example', { force: true });
    await page.getByRole('button', { name: 'ส่งเรื่องเล่า' }).click();
    await page.waitForURL(/\/stories\/mine/);
    await page.waitForTimeout(1000);
    assert.equal(await outboxItems(page).count(), 0);
    assert.equal(stored(title).length, 0);
    await context.close();
  });
});

describe('delivery', () => {
  test('a story with a photo arrives with the right fields, a smaller photo and no EXIF', async () => {
    const { page, context, errors } = await newStoryPage();
    const original = exifJpeg(await makeJpeg(page, 2400, 1600));
    assert.ok(hasExif(original), 'the test photo carries EXIF with a GPS position');
    const workers = [];
    page.on('worker', (worker) => workers.push(new URL(worker.url()).pathname));
    const title = `สวนใหม่ริมคลอง ${Date.now()}`;
    await fillStory(page, {
      title,
      text: 'เช้านี้เดินเล่นที่สวน\nมีคนมาวิ่งเยอะมาก 🌳',
      district: '1020',
      policies: ['สิ่งแวดล้อมดี'],
      author: 'ป้าแดง',
      contact: '081-234-5678',
    });
    await page.getByLabel('รูปภาพ').setInputFiles({ name: 'IMG_0001.jpeg', mimeType: 'image/jpeg', buffer: original });
    await page.locator('.photo-preview').waitFor();
    assert.deepEqual(workers, ['/photo-worker.js'], 'the photo was shrunk in a worker, off the page');
    await sendStory(page);
    await waitForState(page, title, 'sent');
    const [story] = stored(title);
    assert.ok(story, 'stored');
    assert.equal(story.text, 'เช้านี้เดินเล่นที่สวน\nมีคนมาวิ่งเยอะมาก 🌳');
    assert.equal(story.district, '1020');
    assert.deepEqual(story.policies, ['environment']);
    assert.equal(story.author, 'ป้าแดง');
    assert.equal(story.phone, '0812345678');
    assert.equal(story.lang, 'th');
    assert.equal(story.client_mode, 'default');
    assert.match(story.consent_version, /^pn-[0-9a-f]{8}$/);
    assert.match(story.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(story.photos.length, 1);
    const photo = Buffer.from(story.photos[0].data, 'base64');
    assert.equal(story.photos[0].name, 'IMG_0001.jpg');
    assert.equal(hasExif(photo), false, 'no EXIF left');
    assert.equal(photo.includes(Buffer.from('GPS')), false);
    assert.deepEqual(jpegSize(photo), { width: 1600, height: 1067 });
    // The citizen sees when it was received.
    assert.match(await outboxItems(page).first().innerText(), /ส่งถึงแล้ว · ได้รับเมื่อ \d+ [ก-๙.]+ 25\d\d/);
    assert.deepEqual(unexpected(errors), []);
    await context.close();
  });

  test('a story written offline waits in the outbox and is delivered when the network returns', async () => {
    const { page, context } = await newStoryPage();
    await context.setOffline(true);
    const title = `เขียนตอนไม่มีเน็ต ${Date.now()}`;
    await fillStory(page, { title });
    await sendStory(page);
    await waitForState(page, title, 'queued');
    await page.waitForTimeout(1500);
    assert.equal(stored(title).length, 0);
    await context.setOffline(false);
    await waitForState(page, title, 'sent');
    assert.equal(stored(title).length, 1);
    await context.close();
  });

  test('a story left waiting is delivered from whatever page opens next, which only then fetches the delivery', async () => {
    // Without the service worker: its Background Sync would race the news page to deliver
    // when the network returns (offline.test.mjs shows that delivery on its own).
    const { page, context } = await newStoryPage({ serviceWorkers: 'block' });
    await context.setOffline(true);
    const title = `รอส่งจากหน้าข่าว ${Date.now()}`;
    await fillStory(page, { title });
    await sendStory(page);
    await waitForState(page, title, 'queued');
    await page.close();
    await context.setOffline(false);

    const news = await context.newPage();
    const asked = [];
    news.on('request', (request) => /\/split_outbox_delivery-[0-9a-f]{16}\.wasm$/.test(request.url()) && asked.push(request.url()));
    await news.goto(`${shared.server.url}/news`);
    await news.getByTestId('news-card').first().waitFor();
    const deadline = Date.now() + 30_000;
    while (stored(title).length === 0 && Date.now() < deadline) await news.waitForTimeout(250);
    assert.equal(stored(title).length, 1, 'the waiting story arrived once');
    assert.equal(asked.length, 1, 'the news page fetched the delivery once, as it had a story to deliver');
    await context.close();
  });

  test('a story not yet delivered can be withdrawn, and then never arrives', async () => {
    const { page, context } = await newStoryPage();
    await context.setOffline(true);
    const title = `ถอนเรื่อง ${Date.now()}`;
    await fillStory(page, { title });
    await sendStory(page);
    await waitForState(page, title, 'queued');
    await outboxItems(page).filter({ hasText: title }).getByRole('button', { name: 'ถอนเรื่องนี้' }).click();
    await page.getByText('ยังไม่มีเรื่องที่ส่งจากเครื่องนี้').waitFor();
    await context.setOffline(false);
    await page.waitForTimeout(1500);
    assert.equal(stored(title).length, 0);
    await context.close();
  });

  test('a reload while sending neither loses nor duplicates the story', async () => {
    const slow = await startReceiver({ 'delay-rate': 1, 'delay-ms': 2500 });
    shared.target = slow;
    try {
      const { page, context } = await newStoryPage();
      const title = `รีโหลดระหว่างส่ง ${Date.now()}`;
      await fillStory(page, { title });
      await sendStory(page);
      await waitForState(page, title, 'sending');
      await page.reload();
      await waitForState(page, title, 'sent', 30_000);
      assert.equal(await outboxItems(page).count(), 1);
      const stories = stored(title, slow);
      assert.equal(stories.length, 1, 'stored exactly once');
      await context.close();
    } finally {
      shared.target = shared.receiver;
      await slow.close();
    }
  });

  // However a story came to be marked "sending" while no request for it is on its way (an
  // attempt whose end the device could not write, a worker stopped mid-request), the tab that
  // delivers sends it again when it next looks, instead of leaving it "sending" for good.
  test('a story left "sending" while the delivering tab is idle is sent again, once', async () => {
    // Without the service worker, so that the page's own delivery is what is shown.
    const { page, context } = await newStoryPage({ serviceWorkers: 'block' });
    const first = `ส่งแล้วก่อนหน้า ${Date.now()}`;
    await fillStory(page, { title: first });
    await sendStory(page);
    await waitForState(page, first, 'sent');
    const title = `ค้างสถานะกำลังส่ง ${Date.now()}`;
    const id = await putAnotherStory(page, title, { state: 'sending', attempts: 1, since: Date.now() });
    await announceOutboxChange(page);
    const item = await waitForState(page, title, 'sent');
    assert.equal(await item.getAttribute('data-id'), id);
    assert.equal(stored(title).length, 1, 'stored exactly once');
    await context.close();
  });

  test('once the receiver takes a story, one waiting minutes out its failures is sent straight after', async () => {
    const { page, context } = await newStoryPage({ serviceWorkers: 'block' });
    const first = `ส่งก่อนเรื่องที่รอ ${Date.now()}`;
    await fillStory(page, { title: first });
    await sendStory(page);
    await waitForState(page, first, 'sent');
    // A story the receiver failed six times, its next attempt ten minutes away.
    const title = `รอหลังระบบขัดข้อง ${Date.now()}`;
    await putAnotherStory(page, title, { state: 'queued', attempts: 6, next_at: Date.now() + 10 * 60_000, last_failure: 'server' });
    await announceOutboxChange(page);
    await waitForState(page, title, 'queued');
    // The receiver takes the next story: the waiting one follows it.
    await page.getByRole('link', { name: 'เล่าอีกเรื่อง' }).click();
    const next = `เรื่องถัดไป ${Date.now()}`;
    await fillStory(page, { title: next });
    await sendStory(page);
    await waitForState(page, next, 'sent');
    await waitForState(page, title, 'sent');
    assert.equal(stored(title).length, 1, 'stored exactly once');
    await context.close();
  });

  test('a refused story shows the reason, and can be edited and sent again under the same id', async () => {
    // A deployment whose receiver takes small requests only: a story with a photo is refused.
    const strict = await startReceiver({ 'max-body-bytes': 4000 });
    shared.target = strict;
    try {
      const { page, context } = await newStoryPage();
      const title = `เรื่องที่ถูกปฏิเสธ ${Date.now()}`;
      await fillStory(page, { title });
      await page.getByLabel('รูปภาพ').setInputFiles({
        name: 'big.jpg',
        mimeType: 'image/jpeg',
        buffer: await makeJpeg(page, 800, 600),
      });
      await page.locator('.photo-preview').waitFor();
      await sendStory(page);
      const item = await waitForState(page, title, 'rejected');
      assert.match(await item.innerText(), /ไม่ได้รับ · เรื่องเล่าและรูปภาพมีขนาดใหญ่เกินไป/);
      const id = await item.getAttribute('data-id');
      await item.getByRole('link', { name: 'แก้ไขแล้วส่งใหม่' }).click();
      await page.getByText('เหตุผลจากระบบรับเรื่อง:').waitFor();
      assert.equal(await page.getByLabel('ชื่อเรื่อง').inputValue(), title);
      await page.getByRole('button', { name: /นำรูปนี้ออก/ }).click();
      await page.getByLabel(/ฉันได้อ่านประกาศ/).check();
      await sendStory(page);
      const sent = await waitForState(page, title, 'sent');
      assert.equal(await sent.getAttribute('data-id'), id, 'the same story, not a new one');
      const stories = stored(title, strict);
      assert.equal(stories.length, 1);
      assert.equal(stories[0].id, id);
      assert.equal(stories[0].photos.length, 0);
      await context.close();
    } finally {
      shared.target = shared.receiver;
      await strict.close();
    }
  });
});

test('/stories lists the published stories', async () => {
  const { page, context } = await openPage(shared.browser);
  await page.goto(`${shared.server.url}/stories`);
  await page.locator('[data-testid=story-card]').first().waitFor();
  assert.equal(await page.locator('[data-testid=story-card]').count(), bundle.stories.length);
  await context.close();
});

/** A story as the app would post it, with the id given. */
const storyWithId = (id) => ({
  id,
  created_at: '2026-11-21T10:15:00+07:00',
  lang: 'th',
  title: 'เรื่องดี',
  text: 'เล่าเรื่อง',
  district: '1020',
  consent: { privacy_notice_version: 'pn-1', given_at: '2026-11-21T10:15:00+07:00' },
  client: { mode: 'default', app_version: '0.1.0' },
});

/** Posts `story` straight to `receiver`, as a script would, without the app. */
const postTo = (receiver, story, key = story.id) =>
  fetch(`${receiver.url}/api/stories`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(story),
  });

test('the receiver slows down a client that posts too fast, and says when to come back', async () => {
  const receiver = await startReceiver({ 'rate-limit': 3 });
  try {
    const answers = [];
    for (const n of [1, 2, 3, 4, 5]) {
      answers.push(await postTo(receiver, storyWithId(`6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4${n}`)));
    }
    assert.deepEqual(answers.map((a) => a.status), [201, 201, 201, 429, 429]);
    // Three a minute come back one every twenty seconds.
    assert.equal(answers[3].headers.get('retry-after'), '20');
    const body = await answers[3].json();
    assert.ok(body.error && body.error_th, 'a reason in English and in Thai');
    assert.equal(receiver.dump().count, 3);
  } finally {
    await receiver.close();
  }
});

test('the receiver refuses what the form would have refused, naming the field', async () => {
  const good = storyWithId('6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b');
  const post = (story, key) => postTo(shared.receiver, story, key);
  const cases = [
    [{ ...good, text: 'ก'.repeat(100_000) }, 'text'],
    [{ ...good, title: 'bell\u0007' }, 'title'],
    [{ ...good, district: '9999' }, 'district'],
    [{ ...good, contact: { phone: '12345' } }, 'contact'],
    [{ ...good, photos: [{ name: 'a.jpg', type: 'image/jpeg', data: Buffer.from('not a jpeg').toString('base64') }] }, 'photos'],
  ];
  for (const [story, field] of cases) {
    const answer = await post(story);
    assert.equal(answer.status, 422, field);
    const body = await answer.json();
    assert.equal(body.field, field);
    assert.ok(body.error && body.error_th, 'a reason in English and in Thai');
  }
  // A JPEG that still carries EXIF is refused too.
  const exif = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x0a]), Buffer.from('Exif\0\0MM\0*')]);
  const withExif = await post({ ...good, photos: [{ name: 'gps.jpg', type: 'image/jpeg', data: exif.toString('base64') }] });
  assert.equal(withExif.status, 422);
  assert.equal((await withExif.json()).field, 'photos');
  // The key must be the story's id.
  assert.equal((await post(good, 'another-key')).status, 400);
  assert.equal(stored('เรื่องดี').length, 0, 'nothing refused was stored');
  // And the good one is stored once, however often it comes.
  assert.equal((await post(good)).status, 201);
  assert.equal((await post(good)).status, 200);
  assert.equal(stored('เรื่องดี').length, 1);
});

/** Presses Tab until the element with `id` has focus; fails if 60 presses do not reach it. */
async function tabTo(page, id) {
  for (let presses = 0; presses < 60; presses += 1) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached #${id}`);
}

test('a story can be written and sent with the keyboard alone', async () => {
  const { page, context, errors } = await openPage(shared.browser, { width: 1280, height: 900 });
  await page.goto(`${shared.server.url}/`);
  await page.locator('main h1').waitFor();
  // From the top of the home page to the invitation, by Tab.
  for (let presses = 0; ; presses += 1) {
    assert.ok(presses < 40, 'Tab never reached the invitation to share a story');
    const name = await page.evaluate(() => document.activeElement?.textContent?.trim());
    if (name === 'เล่าเรื่องของคุณ') break;
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/stories\/new$/);
  // The new page's heading has focus, so a screen reader announces it.
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');

  await tabTo(page, 'story-title');
  await page.keyboard.type('พิมพ์ด้วยแป้นพิมพ์ล้วน ๆ');
  await tabTo(page, 'story-text');
  await page.keyboard.type('เดินเล่นริมคลองตอนเช้า อากาศดีมาก');
  await tabTo(page, 'story-district');
  await page.keyboard.press('ArrowDown');
  await tabTo(page, 'story-consent');
  await page.keyboard.press('Space');
  // Then the optional consent to publish, left unticked, and the send button.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'story-publish');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'ส่งเรื่องเล่า');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/stories\/mine/);
  await waitForState(page, 'พิมพ์ด้วยแป้นพิมพ์ล้วน ๆ', 'sent');
  const [story] = stored('พิมพ์ด้วยแป้นพิมพ์ล้วน ๆ');
  assert.equal(story.district, bundle.districts[0].code);
  assert.deepEqual(unexpected(errors), []);
  await context.close();
});
