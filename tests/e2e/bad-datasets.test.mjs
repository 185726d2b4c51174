// End-to-end: every damaged dataset of the corpus (tests/bad-bundles/datasets.json), made
// from the default dataset one broken file at a time. `city-comms-data check` must name the
// file and refuse the dataset, as a web team would run it before publishing; and the app, in
// Chromium, must name the file where it is needed (or refuse the manifest with bundle-error),
// with the rest of the page there, no crash and nothing logged but the failed request.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openPage } from './browser.mjs';
import { DIST, checkDataset, startServer } from './server.mjs';

const { cases } = JSON.parse(await readFile(new URL('../bad-bundles/datasets.json', import.meta.url), 'utf8'));
const manifest = JSON.parse(await readFile(join(DIST, 'data/manifest.json'), 'utf8'));
const json = async (path) => JSON.parse(await readFile(join(DIST, 'data', path), 'utf8'));
const newest = (await json(manifest.cards[0].file.path)).cards[0];
const shared = {};

before(async () => {
  shared.browser = await launch();
});
after(async () => {
  await shared.browser?.close();
});

/** The paths, within the dataset, of the files a case breaks. */
async function targets(file) {
  switch (file) {
    case 'manifest':
      return ['manifest.json'];
    case 'cards':
      return [manifest.cards[0].file.path];
    case 'article':
      return [newest.article];
    case 'ids':
      return manifest.ids.map((f) => f.path);
    case 'facets':
      return [manifest.facets[0].path];
    case 'views':
      return [manifest.views[0].path];
    case 'index':
      return manifest.index.flatMap((segment) => segment.parts.map((part) => part.file.path));
    case 'index-chunks': {
      const listed = manifest.index.flatMap((segment) => segment.parts);
      const parts = await Promise.all(listed.map((part) => json(part.file.path)));
      return parts.flatMap((directory) => directory.chunks.map((chunk) => chunk.path));
    }
    default:
      throw new Error(`unknown file ${file}`);
  }
}

/** Breaks the file at `path` as the case says. */
async function damage(c, path) {
  const bytes = await readFile(path);
  switch (c.damage) {
    case 'truncate':
      return writeFile(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
    case 'alter': {
      const changed = Buffer.from(bytes);
      changed[Math.floor(changed.length / 2)] ^= 1;
      return writeFile(path, changed);
    }
    case 'remove':
      return rm(path);
    case 'html':
      return writeFile(path, await readFile(join(DIST, 'index.html')));
    case 'format':
      return writeFile(path, JSON.stringify({ ...JSON.parse(bytes), format: c.value }));
    case 'set': {
      const doc = JSON.parse(bytes);
      const steps = c.pointer.split('/').slice(1);
      const last = steps.pop();
      steps.reduce((node, step) => node[step], doc)[last] = c.value;
      return writeFile(path, JSON.stringify(doc));
    }
    default:
      throw new Error(`unknown damage ${c.damage}`);
  }
}

test(`all ${cases.length} damaged datasets are named by the checker and by the app, and none crashes the app`, { timeout: 15 * 60_000 }, async () => {
  assert.ok(cases.length >= 12, `${cases.length} cases`);
  const failures = [];
  for (const c of cases) {
    const place = await mkdtemp(join(tmpdir(), 'city-comms-bad-dataset-'));
    let server;
    let context;
    try {
      await cp(DIST, place, { recursive: true });
      const paths = await targets(c.file);
      assert.ok(paths.length > 0, 'something to break');
      for (const path of paths) await damage(c, join(place, 'data', path));

      const checked = checkDataset(join(place, 'data'));
      assert.equal(checked.code, 1, `check exits 1: ${checked.out}${checked.err}`);
      assert.ok(checked.err.includes(c.check), `check says "${c.check}": ${checked.err.slice(0, 400)}`);
      assert.ok(paths.some((path) => checked.err.includes(`${path}:`)), `check names the file: ${checked.err.slice(0, 400)}`);

      server = await startServer({ root: place });
      const opened = await openPage(shared.browser);
      context = opened.context;
      const { page, errors } = opened;
      const visit = c.visit.replace('{newest}', newest.id);
      await page.goto(`${server.url}${visit}${visit.includes('?') ? '&' : '?'}lang=en`, { app: false });
      const shown = c.where === 'alert' ? page.getByRole('alert').filter({ hasText: c.app }) : page.getByTestId('bundle-error');
      await shown.first().waitFor({ timeout: 30_000 });
      const text = await shown.first().innerText();
      assert.ok(text.includes(c.app), `the page says "${c.app}": ${text.slice(0, 300)}`);
      if (c.where === 'alert') {
        assert.ok(paths.some((path) => text.includes(path)), `the page names the file: ${text.slice(0, 300)}`);
        assert.ok((await page.locator('main h1').count()) >= 1, 'the page itself is there');
      }
      assert.equal(await page.locator('.crash').count(), 0, 'no crash notice');
      assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), []);
    } catch (failure) {
      failures.push(`${c.name}: ${failure.message}`);
    } finally {
      await context?.close();
      await server?.close();
      await rm(place, { recursive: true, force: true });
    }
  }
  assert.deepEqual(failures, []);
});
