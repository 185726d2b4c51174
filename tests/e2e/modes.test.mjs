// End-to-end: the app in a shared kiosk (mode=kiosk) and inside other sites' pages
// (mode=embed), with the real receiver. What a kiosk leaves on the device is read from its
// IndexedDB; what an embedding page hears is collected by that page itself, on its own origin.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { launch, openPage } from './browser.mjs';
import { DIST, bundleOnly, startServer } from './server.mjs';
import { startReceiver } from './receiver.mjs';
import { readDeviceDb } from './device.mjs';
import { fillStory, sendStory, waitForState } from './story-form.mjs';

const SCREENSHOTS = fileURLToPath(new URL('./artifacts/screenshots/', import.meta.url));
const bundle = JSON.parse(await readFile(`${DIST}data/bundle.json`, 'utf8'));
const withSource = bundle.news.find((item) => item.source_url);
const shared = {};

/** A page on an origin of its own that embeds `src` and records every message it hears. */
async function startEmbeddingSite() {
  const server = createServer((request, response) => {
    const src = new URL(request.url, 'http://x').searchParams.get('src') ?? '';
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html lang="en"><head><title>A district's website</title></head><body>
      <h1>Khet Phra Nakhon</h1>
      <iframe src="${src.replaceAll('"', '&quot;')}" title="Bangkok city news" width="100%" height="400" style="border:0"></iframe>
      <script>
        window.heard = [];
        addEventListener('message', (event) => {
          window.heard.push({ origin: event.origin, data: event.data });
          if (event.data && event.data.type === 'city-comms:height') document.querySelector('iframe').height = String(event.data.height);
        });
      </script></body></html>`);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  // Served as localhost: another origin than the app's 127.0.0.1.
  const url = `http://localhost:${server.address().port}`;
  return { url, close: () => new Promise((resolve) => server.close(resolve)) };
}

before(async () => {
  shared.listedSite = await startEmbeddingSite();
  shared.unlistedSite = await startEmbeddingSite();
  shared.receiver = await startReceiver();
  // The city lists one of the two sites in its bundle.
  const listed = { ...bundle, config: { ...bundle.config, embed_origins: [shared.listedSite.url] } };
  shared.server = await startServer({
    api: () => shared.receiver.url,
    replace: bundleOnly(JSON.stringify(listed)),
  });
  shared.browser = await launch();
  await mkdir(SCREENSHOTS, { recursive: true });
});
after(async () => {
  await shared.browser?.close();
  await shared.server?.close();
  await shared.receiver?.close();
  await shared.listedSite?.close();
  await shared.unlistedSite?.close();
});

describe('kiosk', () => {
  test('after the idle time it counts down, starts over, and leaves nothing personal on the device', async () => {
    const { page, context, errors } = await openPage(shared.browser, { width: 1080, height: 1920 });
    await page.goto(`${shared.server.url}/stories/new?mode=kiosk&idle=5`);
    await fillStory(page, { title: 'ตู้คีออสก์ เรื่องที่หนึ่ง', author: 'สมหญิง ใจดี', contact: 'somying@example.com' });
    await sendStory(page);
    assert.match(page.url(), /mode=kiosk/);
    await waitForState(page, 'ตู้คีออสก์ เรื่องที่หนึ่ง', 'sent');
    // Delivered, it keeps no personal field on the kiosk even before the reset.
    const deadline = Date.now() + 10_000;
    while ((await readDeviceDb(page)).outbox[0]?.request.author !== undefined) {
      assert.ok(Date.now() < deadline, 'the delivered story still has its author on the kiosk');
      await page.waitForTimeout(100);
    }
    // The next story is left half-written when its author walks away.
    await page.getByRole('link', { name: 'เล่าอีกเรื่อง' }).click();
    await page.getByLabel('ชื่อเรื่อง').fill('เขียนค้างไว้');
    await page.getByLabel('ชื่อหรือนามแฝง').fill('สมชาย ทิ้งไว้');
    await page.screenshot({ path: `${SCREENSHOTS}kiosk-form-1080x1920.png` });

    const countdown = page.getByTestId('kiosk-countdown');
    await countdown.waitFor({ timeout: 10_000 });
    assert.match(await countdown.innerText(), /วินาที/);
    await page.screenshot({ path: `${SCREENSHOTS}kiosk-countdown-1080x1920.png` });
    await page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('mode') === 'kiosk', { timeout: 30_000 });
    await page.locator('main h1').waitFor();

    const device = await readDeviceDb(page);
    assert.deepEqual(device.drafts, []);
    assert.equal(device.outbox.length, 1);
    const kept = device.outbox[0].request;
    assert.equal(kept.title, 'ตู้คีออสก์ เรื่องที่หนึ่ง');
    assert.equal(kept.author, undefined);
    assert.equal(kept.contact, undefined);
    assert.equal(kept.photos, undefined);
    assert.equal(kept.client.mode, 'kiosk');
    const everything = JSON.stringify(device) + (await page.evaluate(() => JSON.stringify({ ...localStorage })));
    for (const personal of ['สมหญิง', 'somying@example.com', 'สมชาย', 'เขียนค้างไว้']) {
      assert.ok(!everything.includes(personal), `"${personal}" is still on the device`);
    }
    // The city has the story whole: only the kiosk forgot.
    const stored = shared.receiver.dump().stories.find((s) => s.title === 'ตู้คีออสก์ เรื่องที่หนึ่ง');
    assert.equal(stored.author, 'สมหญิง ใจดี');

    // The next person's "my stories" does not list the last person's.
    await page.goto(`${shared.server.url}/stories/mine?mode=kiosk`);
    await page.getByText('ยังไม่มีเรื่องที่ส่งจากเครื่องนี้').waitFor();
    assert.equal(await page.locator('[data-testid=outbox-item]').count(), 0);

    await page.getByRole('link', { name: 'เล่าเรื่องของคุณ' }).first().click();
    assert.equal(await page.getByLabel('ชื่อเรื่อง').inputValue(), '');
    assert.equal(await page.getByLabel('ชื่อหรือนามแฝง').inputValue(), '');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a touch during the countdown keeps the session', async () => {
    const { page, context } = await openPage(shared.browser, { width: 1080, height: 1920 });
    await page.goto(`${shared.server.url}/stories/new?mode=kiosk&idle=5`);
    await page.getByLabel('ชื่อเรื่อง').fill('ยังเขียนอยู่');
    await page.getByTestId('kiosk-countdown').waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'ใช้งานต่อ' }).click();
    await page.getByTestId('kiosk-countdown').waitFor({ state: 'detached' });
    assert.equal(await page.getByLabel('ชื่อเรื่อง').inputValue(), 'ยังเขียนอยู่');
    assert.match(page.url(), /\/stories\/new/);
    await context.close();
  });

  test('the countdown holds the keyboard and hides the page behind it from assistive technology', async () => {
    const { page, context } = await openPage(shared.browser, { width: 1080, height: 1920 });
    await page.goto(`${shared.server.url}/stories/new?mode=kiosk&idle=5`);
    await page.getByLabel('ชื่อเรื่อง').fill('ยังเขียนอยู่');
    // Whether the accessibility tree exposes the element (Chromium's own tree, through DevTools).
    const cdp = await context.newCDPSession(page);
    const exposed = async (selector) => {
      const { root } = await cdp.send('DOM.getDocument');
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
      const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
      return !nodes[0].ignored;
    };
    assert.equal(await exposed('#story-title'), true, 'before the countdown, the form is exposed');
    await page.getByTestId('kiosk-countdown').waitFor({ timeout: 10_000 });
    const focused = () =>
      page.evaluate(() => ({
        id: document.activeElement?.id ?? '',
        inside: Boolean(document.activeElement?.closest('[data-testid=kiosk-countdown]')),
      }));
    assert.equal((await focused()).id, 'kiosk-continue');
    // Forwards and backwards, more presses than the dialog has controls.
    for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      const now = await focused();
      assert.ok(now.inside, `after ${key}, focus is on #${now.id || '(none)'} outside the countdown`);
    }
    // The page behind is inert: a pointer cannot reach it and the accessibility tree leaves it out.
    assert.equal(await exposed('#story-title'), false, 'the form behind the countdown is still exposed');
    assert.equal(await exposed('#kiosk-continue'), true, 'the way back is exposed');
    await page.getByLabel('ชื่อเรื่อง').click({ timeout: 1_000 }).then(
      () => assert.fail('the field behind the countdown took a click'),
      () => {},
    );
    // Escape means "still here", as the button does.
    await page.keyboard.press('Escape');
    await page.getByTestId('kiosk-countdown').waitFor({ state: 'detached' });
    assert.equal(await page.getByLabel('ชื่อเรื่อง').inputValue(), 'ยังเขียนอยู่');
    await context.close();
  });

  test('links out of the app become QR codes, and the mode stays in every address', async () => {
    const { page, context, errors } = await openPage(shared.browser, { width: 1080, height: 1920 });
    await page.goto(`${shared.server.url}/news/${withSource.id}?mode=kiosk`);
    await page.locator('main h1').waitFor();
    const outside = await page.evaluate(() =>
      [...document.querySelectorAll('a[href]')].map((a) => a.href).filter((href) => new URL(href).origin !== location.origin),
    );
    assert.deepEqual(outside, []);
    await page.getByRole('button', { name: 'อ่านข่าวต้นฉบับ' }).click();
    const code = page.locator('dialog[open] svg[role=img]');
    await code.waitFor();
    assert.equal(await code.getAttribute('aria-label'), `คิวอาร์โค้ดของลิงก์: ${withSource.source_url}`);
    await page.screenshot({ path: `${SCREENSHOTS}kiosk-qr-1080x1920.png` });
    await page.getByRole('button', { name: 'ปิด', exact: true }).click();

    // This page, handed to a phone, opens there without the kiosk's setting.
    await page.getByRole('banner').getByRole('button', { name: 'เปิดต่อบนมือถือ' }).click();
    assert.equal(
      await page.locator('dialog[open] .hand-off__address').innerText(),
      `${shared.server.url}/news/${withSource.id}`,
    );
    await page.getByRole('button', { name: 'ปิด', exact: true }).click();

    await page.getByRole('navigation').getByRole('link', { name: 'แผนสื่อสารเมือง' }).click();
    await page.waitForURL(/\/plan\?mode=kiosk$/);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.mode), 'kiosk');
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('embed', () => {
  const src = () => `${shared.server.url}/news?district=1001&mode=embed`;

  async function embedIn(site) {
    const { page, context, errors } = await openPage(shared.browser, { width: 800, height: 900 });
    // The embedding page is not the app: the app is ready inside its frame.
    await page.goto(`${site.url}/?src=${encodeURIComponent(src())}`, { app: false });
    const frame = page.frameLocator('iframe');
    await frame.locator('html[data-app=ready]').waitFor({ state: 'attached', timeout: 60_000 });
    await frame.locator('[data-testid=news-card]').first().waitFor();
    return { page, context, errors, frame };
  }

  test('a listed site hears the height of the app, which shows no header or footer', async () => {
    const { page, context, errors, frame } = await embedIn(shared.listedSite);
    await page.waitForFunction(() => window.heard.some((m) => m.data?.type === 'city-comms:height'));
    const heights = await page.evaluate(() => window.heard.filter((m) => m.data?.type === 'city-comms:height'));
    for (const { origin, data } of heights) {
      assert.equal(origin, shared.server.url);
      assert.ok(data.height > 300, `height ${data.height}`);
      assert.match(data.path, /^\/news\?district=1001&mode=embed$/);
    }
    assert.equal(await frame.locator('header, footer.site-footer').count(), 0);
    // The filter from the address applies: every card is from the chosen district.
    const expected = bundle.news.filter((n) => n.district === '1001').length;
    assert.equal(await frame.getByTestId('result-count').innerText(), String(expected));
    await page.screenshot({ path: `${SCREENSHOTS}embed-listed-site.png`, fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a site the bundle does not list hears nothing', async () => {
    const { page, context, frame } = await embedIn(shared.unlistedSite);
    // Give the app time to have spoken if it were going to; then change its height, too.
    await frame.getByRole('searchbox').fill('สวน');
    await page.waitForTimeout(1_500);
    assert.deepEqual(await page.evaluate(() => window.heard), []);
    await context.close();
  });

  test('/embed builds a snippet for a slice of the news and previews it live', async () => {
    const { page, context, errors } = await openPage(shared.browser, { width: 1280, height: 900 });
    await page.goto(`${shared.server.url}/embed?lang=en`);
    // As a web officer would, look at the first preview before changing the choices: a change
    // reloads the preview, and one that cuts the first load off mid-download leaves the
    // browser's own "Fetch API cannot load" in the console (harmless, but an error).
    await page.frameLocator('[data-testid=embed-preview]').locator('[data-testid=news-card]').first().waitFor();
    await page.getByLabel('District', { exact: true }).selectOption('1001');
    await page.getByLabel('English').check();
    const snippet = page.getByTestId('embed-snippet');
    await page.waitForFunction(() => document.querySelector('[data-testid=embed-snippet]').value.includes('district=1001'));
    const html = await snippet.inputValue();
    assert.match(html, /<iframe src="http:\/\/127\.0\.0\.1:\d+\/news\?district=1001&amp;lang=en&amp;mode=embed"/);
    assert.match(html, /event\.origin !== "http:\/\/127\.0\.0\.1:\d+"/);
    const preview = page.frameLocator('[data-testid=embed-preview]');
    await preview.locator('[data-testid=news-card]').first().waitFor();
    assert.equal(await preview.locator('html').getAttribute('lang'), 'en');
    // The preview grows with its content, as the snippet's script makes the real one do.
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=embed-preview]').height) !== 640);
    await page.screenshot({ path: `${SCREENSHOTS}embed-builder.png`, fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a browser that refuses storage still sends the story, and says it keeps no draft', async () => {
    // The citizen's own setting "block cookies and site data", as a browser profile holds it.
    const profile = await mkdtemp(join(tmpdir(), 'city-comms-profile-'));
    await mkdir(join(profile, 'Default'));
    await writeFile(
      join(profile, 'Default', 'Preferences'),
      JSON.stringify({ profile: { default_content_setting_values: { cookies: 2 } } }),
    );
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      locale: 'th-TH',
    });
    try {
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      await page.goto(`${shared.listedSite.url}/?src=${encodeURIComponent(`${shared.server.url}/stories/new?mode=embed`)}`);
      const frame = page.frameLocator('iframe');
      await frame.getByTestId('no-drafts').waitFor();
      await fillStory(frame, { title: 'ส่งจากเว็บเขต ไม่มีที่เก็บ' });
      await frame.getByRole('button', { name: 'ส่งเรื่องเล่า' }).click();
      await frame.getByTestId('sent-without-copy').waitFor();
      assert.equal(await frame.getByLabel('ชื่อเรื่อง').inputValue(), '');
      const stored = shared.receiver.dump().stories.filter((s) => s.title === 'ส่งจากเว็บเขต ไม่มีที่เก็บ');
      assert.equal(stored.length, 1);
      assert.equal(stored[0].client_mode, 'embed');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    }
  });
});
