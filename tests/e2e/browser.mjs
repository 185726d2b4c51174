// The system Chromium under Playwright, as the tests and measurements use it.
import { chromium } from 'playwright-core';

const EXECUTABLE = process.env.CHROME_PATH || '/usr/bin/chromium';

// Without the networking flags Chromium keeps calling home, which this sandbox refuses.
export function launch() {
  return chromium.launch({
    executablePath: EXECUTABLE,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/**
 * A page that records every console error and uncaught exception, so that a test can
 * fail on them.
 */
export async function openPage(browser, { width = 1280, height = 900, locale = 'th-TH' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  return { context, page, errors };
}
