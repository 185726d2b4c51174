// End-to-end: the release build is repeatable. Trunk (`make app`), the cut into modules
// (split.mjs) and the finishing (finish.mjs) run again on the same source, into a directory
// of their own, and give the same wasm, scripts and style sheet under the same names as the
// build in dist/.
// A build that differed would be a new version of the app for every returning reader, with
// nothing changed: a reload offered and the whole shell fetched again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST } from './server.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The app's own files in a build directory (not the data, pages or the worker that lists
 * them), each with the SHA-256 of its bytes. */
async function appFiles(dir) {
  const names = (await readdir(dir)).filter((name) => /\.(wasm|js|css)$/.test(name) && name !== 'sw.js').sort();
  return Object.fromEntries(
    await Promise.all(names.map(async (name) => [name, createHash('sha256').update(await readFile(join(dir, name))).digest('hex')])),
  );
}

test('a second release build of the same source gives the same app files, byte for byte', { timeout: 15 * 60_000 }, async () => {
  const again = await mkdtemp(join(tmpdir(), 'city-comms-again-'));
  try {
    // The Makefile's own recipe, with its toolchain and tools (`make build` runs the same).
    execFileSync('make', ['--no-print-directory', 'app', `APP_DIST=${again}`], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    const [first, second] = [await appFiles(DIST), await appFiles(again)];
    assert.ok(Object.keys(first).some((name) => name.endsWith('_bg.wasm')), 'dist/ has no app wasm');
    assert.ok(Object.keys(first).some((name) => /^split_.*\.wasm$/.test(name)), 'dist/ has no module on demand');
    assert.deepEqual(second, first);
  } finally {
    await rm(again, { recursive: true, force: true });
  }
});
