// The system Chromium under Playwright, as the build (prerender.mjs), the tests and the
// measurements use it.
import { chromium } from 'playwright-core';

const EXECUTABLE = process.env.CHROME_PATH || '/usr/bin/chromium';

// Without the networking flags Chromium keeps calling home, which a build machine may refuse.
// `args`: more flags, for a test that needs them.
export function launch({ args = [] } = {}) {
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
      ...args,
    ],
  });
}
