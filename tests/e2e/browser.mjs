// Chromium for the tests: the build's own launcher (src/build/chromium.mjs), and the pages
// the tests open in it.
import { createRequire } from 'node:module';

export { launch } from '../../src/build/chromium.mjs';

/**
 * A page that records every console error and uncaught exception, so that a test can
 * fail on them. One is not an error: a site that publishes only a bundle answers the
 * dataset's manifest with 404, which is how the app learns to read the bundle instead.
 * `serviceWorkers: 'block'` opens a context without the service worker, for a test of what
 * the page does on its own.
 */
export async function openPage(browser, { width = 1280, height = 900, locale = 'th-TH', serviceWorkers = 'allow' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale, serviceWorkers });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (message) => {
    const noDataset = /\/data\/manifest\.json$/.test(message.location()?.url ?? '') && /\b404\b/.test(message.text());
    if (message.type() === 'error' && !noDataset) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  waitForTheApp(page);
  return { context, page, errors };
}

/**
 * [`openPage`] at `url`, once the page's main heading is there.
 */
export async function openPageAt(browser, url, options = {}) {
  const opened = await openPage(browser, options);
  await opened.page.goto(url);
  await opened.page.locator('main h1').first().waitFor();
  return opened;
}

/**
 * The text of `locator` as a reader sees it, scrolled to it. Cards are laid out
 * only near the screen (`content-visibility`, style/layout.css), and `innerText` reads what
 * is laid out: so this scrolls there and waits two frames, as the browser lays it out.
 */
export async function textOnScreen(locator) {
  await locator.scrollIntoViewIfNeeded();
  const element = await locator.elementHandle();
  await element.evaluate(() => new Promise((shown) => requestAnimationFrame(() => requestAnimationFrame(shown))));
  return element.innerText();
}

/**
 * Makes `page.goto` and `page.reload` wait, after the page has loaded, until the app shows a
 * page of its own (`<html data-app="ready">`): until then a first visit shows the page as it
 * was prerendered at build time, with its controls disabled but the search box (prerender.test.mjs is
 * about that). `{ app: false }` waits only for the load, for a test that holds the app back.
 */
export function waitForTheApp(page) {
  for (const name of ['goto', 'reload']) {
    const original = page[name].bind(page);
    page[name] = async (...args) => {
      const options = (name === 'goto' ? args[1] : args[0]) ?? {};
      const response = await original(...args);
      if (options.app !== false) {
        await page.waitForFunction(() => document.documentElement.dataset.app === 'ready', null, { timeout: 60_000 });
      }
      return response;
    };
  }
}

/**
 * An init script (`page.addInitScript(RECORD_APP_READY)`): notes in `window.__appReadyAt`
 * the moment, from navigation start, at which the app marks itself ready
 * (`<html data-app="ready">`), having taken the prerendered page's place. It runs before
 * there is a `documentElement`, so it watches the document for one.
 */
export const RECORD_APP_READY = () => {
  new MutationObserver((_, observer) => {
    if (document.documentElement?.dataset.app === 'ready') {
      window.__appReadyAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-app'] });
};

const AXE = createRequire(import.meta.url).resolve('axe-core');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** What axe-core (WCAG 2.0–2.2, A and AA) finds wrong with the page as it stands, a line each. */
export async function axeViolations(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}
