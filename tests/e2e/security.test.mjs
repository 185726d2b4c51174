// End-to-end: the release build under the strict Content Security Policy the README tells
// hosts to send. Every page is used with the policy in force, and any violation the browser
// reports fails the test; a script injected into the page is shown to be blocked.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { launch, openPage } from './browser.mjs';
import { DIST, startServer } from './server.mjs';
import { startReceiver } from './receiver.mjs';
import { fillStory, sendStory, waitForState } from './story-form.mjs';
import { makeJpeg } from './photos.mjs';

const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
// The policy is taken from the README, so that what hosts are told is what is tested.
const POLICY = readme.match(/Content-Security-Policy: (.+)/)[1].trim();
const bundle = JSON.parse(await readFile(`${DIST}data/bundle.json`, 'utf8'));
const shared = {};

before(async () => {
  shared.receiver = await startReceiver();
  shared.server = await startServer({ api: () => shared.receiver.url, headers: { 'content-security-policy': POLICY } });
  shared.browser = await launch();
});
after(async () => {
  await shared.browser?.close();
  await shared.server?.close();
  await shared.receiver?.close();
});

/** The file name of the app's wasm in the build (content-named, so found by its pattern). */
async function appWasm() {
  return (await readdir(DIST)).find((file) => /^city-comms-.*_bg\.wasm$/.test(file));
}

const RECORD_VIOLATIONS = () => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
  });
};

async function guardedPage() {
  const opened = await openPage(shared.browser, { width: 400, height: 900 });
  await opened.page.addInitScript(RECORD_VIOLATIONS);
  return opened;
}

test('the policy is strict: no inline script, no eval, only this origin', () => {
  assert.match(POLICY, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.doesNotMatch(POLICY, /'unsafe-inline'|'unsafe-eval'|\*/);
});

test('every page works under the policy with no violation', async () => {
  const { page, context, errors } = await guardedPage();
  const article = bundle.news.find((item) => item.images?.length > 0);
  for (const path of ['/', '/news?q=%E0%B8%84%E0%B8%A5%E0%B8%AD%E0%B8%87', `/news/${article.id}`, '/plan', `/plan/${bundle.plan.themes[0].id}`, '/stories', '/stories/mine', '/stories/new']) {
    await page.goto(`${shared.server.url}${path}`);
    await page.locator('main h1').first().waitFor();
    assert.deepEqual(await page.evaluate(() => window.__violations), [], path);
  }
  // The form with a photo preview (a data: image) and a delivery.
  const title = `ภายใต้ CSP ${Date.now()}`;
  await fillStory(page, { title });
  await page.getByLabel('รูปภาพ').setInputFiles({ name: 'a.jpg', mimeType: 'image/jpeg', buffer: await makeJpeg(page, 640, 480) });
  await page.locator('.photo-preview img').waitFor();
  await sendStory(page);
  await waitForState(page, title, 'sent');
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(errors.filter((e) => /Content Security Policy|Refused to/.test(e)), []);
  await context.close();
});

test('a script injected into the page does not run', async () => {
  const { page, context } = await guardedPage();
  await page.goto(`${shared.server.url}/`);
  await page.locator('main h1').first().waitFor();
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.body.append(script);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { injected: window.__injected === true, violations: window.__violations };
  });
  assert.equal(ran.injected, false);
  assert.ok(ran.violations.some((v) => v.startsWith('script-src')), JSON.stringify(ran.violations));
  await context.close();
});

test('a wasm that is not the build’s own is not run, and the page says the app could not start', async () => {
  const name = await appWasm();
  // The build's wasm with a custom section added: still a valid module, which would run the
  // app unchanged if nothing checked its hash.
  const section = Buffer.concat([Buffer.from([0x00, 10, 1]), Buffer.from('xtampered')]);
  const altered = Buffer.concat([await readFile(`${DIST}${name}`), section]);
  assert.ok(WebAssembly.validate(altered), 'the altered wasm is a valid module');
  const server = await startServer({ replace: { [`/${name}`]: altered }, headers: { 'content-security-policy': POLICY } });
  const { page, errors, context } = await openPage(shared.browser, { width: 400, height: 900 });
  try {
    await page.goto(`${server.url}/news`, { app: false });
    const alert = page.locator('.start-failed[role="alert"]');
    await alert.waitFor({ timeout: 30_000 });
    assert.match(await alert.locator('p[lang="th"]').innerText(), /ขออภัย แอปขัดข้อง/);
    assert.match(await alert.locator('p[lang="en"]').innerText(), /Sorry, something went wrong/);
    // The app never ran: the page as it came is still there to read.
    assert.notEqual(await page.evaluate(() => document.documentElement.dataset.app), 'ready');
    assert.ok((await page.getByTestId('news-card').count()) > 0);
    assert.ok(errors.some((error) => /not the file this build names/.test(error)), errors.join('\n'));
  } finally {
    await context.close();
    await server.close();
  }
});

test('the build’s own wasm sent with another content type still starts the app', async () => {
  const name = await appWasm();
  // A host that does not know .wasm: the browser cannot compile it as it streams, and the
  // start-up script compiles the copy it checked instead.
  const body = await readFile(`${DIST}${name}`);
  const server = await startServer({ replace: { [`/${name}`]: { type: 'application/octet-stream', body } }, headers: { 'content-security-policy': POLICY } });
  const { page, context } = await openPage(shared.browser, { width: 400, height: 900 });
  try {
    await page.goto(`${server.url}/news`);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.app), 'ready');
    assert.equal(await page.locator('.start-failed').count(), 0);
  } finally {
    await context.close();
    await server.close();
  }
});
