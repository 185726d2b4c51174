// The story form on a device that has been used: 200 stories delivered from it, each sent
// with a photo, and 3 photos being attached to the next. In headless Chromium at 4× CPU
// slowdown, on a release build. Reports what the outbox keeps on the device (its records'
// bytes, and what `navigator.storage.estimate()` says), the longest main-thread task while
// the 3 photos are shrunk, and the time from a keystroke in the story text to the next frame
// (median, p95, max over 60 keystrokes). Writes target/bench/form-<label>.json.
//
// Usage: node tests/bench/form.mjs [--dist DIR] [--label NAME]
//   (another build, an older commit's say, is compared by building it into its own DIR:
//   tests/bench/README.md says how)
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { launch } from '../e2e/browser.mjs';
import { startServer } from '../e2e/server.mjs';
import { names } from '../e2e/device.mjs';
import { makeJpeg } from '../e2e/photos.mjs';

const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const root = resolve(option('--dist', fileURLToPath(new URL('../../dist/', import.meta.url)))) + '/';
const label = option('--label', 'head');
const OUT = fileURLToPath(new URL('../../target/bench/', import.meta.url));
const DELIVERED = 200;
const KEYSTROKES = 60;

const percentile = (values, q) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];
const round = (value) => Math.round(value * 10) / 10;

/** Writes `count` delivered stories, each carrying `photo` (base64), into the outbox. */
function seed(page, count, photo) {
  return page.evaluate(
    async ({ names, count, photo }) => {
      const db = await new Promise((done, fail) => {
        const request = indexedDB.open(names.deviceDb, names.deviceDbVersion);
        request.onsuccess = () => done(request.result);
        request.onerror = () => fail(request.error);
      });
      const store = db.transaction(names.outboxStore, 'readwrite').objectStore(names.outboxStore);
      for (let n = 0; n < count; n += 1) {
        const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
        const entry = {
          id,
          created: Date.now() - n * 60_000,
          request: {
            id,
            created_at: '2026-11-01T10:00:00+07:00',
            lang: 'th',
            title: `เรื่องดี ๆ ที่ ${n + 1}`,
            text: 'เช้านี้เดินเล่นที่สวนริมคลอง มีคนมาวิ่งเยอะมาก ต้นไม้ร่มรื่น',
            district: '1001',
            policies: [],
            author: 'สมหญิง ใจดี',
            consent: { privacy_notice_version: 'pn-1', given_at: '2026-11-01T10:00:00+07:00' },
            photos: [{ name: 'park.jpg', type: 'image/jpeg', data: photo }],
            client: { mode: 'default', app_version: '0.1.0' },
          },
          delivery: { state: 'sent', at: Date.now(), already_had: false },
        };
        store.put(JSON.stringify(entry), id);
      }
      await new Promise((done) => (store.transaction.oncomplete = done));
      db.close();
    },
    { names, count, photo },
  );
}

/** The bytes of every outbox record, and the origin's whole usage by the browser's estimate. */
function deviceSize(page) {
  return page.evaluate(async (names) => {
    const db = await new Promise((done, fail) => {
      const request = indexedDB.open(names.deviceDb);
      request.onsuccess = () => done(request.result);
      request.onerror = () => fail(request.error);
    });
    const records = await new Promise((done) => {
      const request = db.transaction(names.outboxStore).objectStore(names.outboxStore).getAll();
      request.onsuccess = () => done(request.result);
    });
    db.close();
    const { usage } = await navigator.storage.estimate();
    return { records: records.length, record_bytes: records.reduce((sum, text) => sum + text.length, 0), estimate_bytes: usage };
  }, names);
}

const server = await startServer({ root });
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 412, height: 915 }, locale: 'th-TH' });
  const page = await context.newPage();
  await page.goto(`${server.url}${option('--path', '/stories/new')}`);
  await page.locator('html[data-app=ready]').waitFor({ timeout: 60_000 });
  const photo = (await makeJpeg(page, 1600, 1200)).toString('base64');
  await seed(page, DELIVERED, photo);
  const seeded = await deviceSize(page);

  // The app starts again on a device with that history, on a slow phone's CPU.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.reload();
  await page.locator('html[data-app=ready]').waitFor({ timeout: 60_000 });
  // A build that tidies delivered stories does it once, as it starts: wait until the
  // outbox stops changing (at most a minute), and time it.
  const started = Date.now();
  let kept = await deviceSize(page);
  for (let still = 0; still < 3 && Date.now() - started < 60_000; ) {
    await page.waitForTimeout(1_000);
    const now = await deviceSize(page);
    still = now.record_bytes === kept.record_bytes ? still + 1 : 0;
    kept = now;
  }
  kept.settled_after_ms = Date.now() - started - 3_000;

  // Three large photos from a phone's camera, made in the page beforehand, so that what is
  // measured is the app at work and not the test handing files over.
  await page.evaluate(async () => {
    window.cameraFiles = [];
    for (let n = 0; n < 3; n += 1) {
      const canvas = new OffscreenCanvas(4000, 3000);
      const context = canvas.getContext('2d');
      const gradient = context.createLinearGradient(0, 0, 4000, 3000);
      gradient.addColorStop(0, '#0b5d3b');
      gradient.addColorStop(1, `hsl(${n * 90}, 80%, 60%)`);
      context.fillStyle = gradient;
      context.fillRect(0, 0, 4000, 3000);
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
      window.cameraFiles.push(new File([blob], `IMG_${n}.jpg`, { type: 'image/jpeg' }));
    }
  });
  await page.waitForTimeout(1_000);
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
  });
  const attachStart = Date.now();
  await page.evaluate(() => {
    const input = document.querySelector('input[type=file]');
    const chosen = new DataTransfer();
    for (const file of window.cameraFiles) chosen.items.add(file);
    input.files = chosen.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await page.locator('.photo-preview').nth(2).waitFor({ timeout: 120_000 });
  const attachMs = Date.now() - attachStart;
  await page.waitForTimeout(1_000);
  const longTasks = await page.evaluate(() => window.longTasks);

  // Keystrokes in the story text: from the key's event to the next frame.
  await page.evaluate(() => {
    window.keyToFrame = [];
    document.addEventListener(
      'keydown',
      (event) => {
        const at = event.timeStamp;
        requestAnimationFrame(() => setTimeout(() => window.keyToFrame.push(performance.now() - at), 0));
      },
      true,
    );
  });
  await page.getByLabel('เรื่องของคุณ').click();
  for (let n = 0; n < KEYSTROKES; n += 1) {
    await page.keyboard.press(n % 10 === 9 ? 'Space' : 'KeyA');
    await page.waitForTimeout(50);
  }
  await page.waitForTimeout(500);
  const keys = await page.evaluate(() => window.keyToFrame);

  const result = {
    label,
    build: root,
    cpu_slowdown: 4,
    outbox_after_seeding: seeded,
    outbox_after_start: kept,
    photos: { count: 3, size: '4000×3000', attach_ms: attachMs, longest_task_ms: round(Math.max(0, ...longTasks)), long_tasks: longTasks.length },
    keystroke_to_frame_ms: {
      count: keys.length,
      median: round(percentile(keys, 0.5)),
      p95: round(percentile(keys, 0.95)),
      max: round(Math.max(...keys)),
    },
  };
  await mkdir(OUT, { recursive: true });
  await writeFile(`${OUT}form-${label}.json`, JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result, null, 2));
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
