// What every end-to-end test file shares.
import { after, before } from 'node:test';
import { launch } from './browser.mjs';
import { startServer } from './server.mjs';

/**
 * Chromium and a server of dist/ for one test file: started before its tests, closed after.
 * Read `browser` and `server` from the returned object inside the tests.
 */
export function sharedBrowserAndServer() {
  const shared = {};
  before(async () => {
    shared.browser = await launch();
    shared.server = await startServer();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.close();
  });
  return shared;
}
