// Measures the release build in dist/: compressed sizes of what a phone downloads, and two
// moments as a person sees them, from the start of the navigation (the document's own
// transfer included): the first news card painted and on screen (the prerendered page's, or
// the app's own where no page was prerendered), and the app's own page painted (its first
// card drawn after it took the prerendered page's place, search and filters working); for an
// article, its title instead of a card. Both come from the browser's Element Timing entries
// for the cards' headlines and the article's title (`elementtiming`, names::CARD_PAINT_MARK
// and ARTICLE_PAINT_MARK), whose times count from navigation start, and count only a
// headline painted inside the screen. Measured on this machine as it is, under a phone-like
// profile (4x slower CPU, a slow 4G link), and on a repeat visit with the server stopped
// (served by the service worker alone). Writes target/measure.json with the commit measured
// and prints a table for tests/bench/figures.md. Timings are reported, never asserted.
import { readdir, readFile, mkdir, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { launch, RECORD_APP_READY } from './browser.mjs';
import { provenance } from './provenance.mjs';
import { DIST, startServer } from './server.mjs';

const RUNS = Number(process.env.MEASURE_RUNS ?? 15);
const NAMES = JSON.parse(await readFile(new URL('../../src/build/shared-names.json', import.meta.url), 'utf8'));
const OUT = fileURLToPath(new URL('../../target/measure.json', import.meta.url));

// The wasm in three parts: the app's main module, which every first visit downloads; the
// modules of the pages fetched on demand (src/ui/on_demand.rs), which only the service
// worker fetches unless such a page is opened; and the worker's delivery step.
const wasmPart = (name) =>
  /^city-comms-[0-9a-f]+_bg\.wasm$/.test(name) ? 'wasm (main module)' : /^outbox-worker/.test(name) ? 'wasm (outbox worker)' : 'wasm (pages on demand)';

async function sizes() {
  const files = await readdir(DIST);
  const total = {};
  for (const kind of ['wasm (main module)', 'wasm (pages on demand)', 'wasm (outbox worker)', 'js', 'css']) total[kind] = { raw: 0, gzip: 0, served: 0 };
  for (const name of files) {
    const extension = name.split('.').pop();
    const kind = extension === 'wasm' ? wasmPart(name) : extension;
    if (!(kind in total)) continue;
    const body = await readFile(`${DIST}${name}`);
    const gzip = gzipSync(body, { level: 9 }).length;
    total[kind].raw += body.length;
    total[kind].gzip += gzip;
    // What a host that sends the build's precompressed copies (city-comms-data precompress)
    // sends, as the server here does; a file without one, compressed as above.
    total[kind].served += await readFile(`${DIST}${name}.gz`).then((copy) => copy.length, () => gzip);
  }
  return total;
}

// Records each card headline's and article title's paint (Element Timing: render time from
// navigation start, and the part of it inside the screen), whether it belongs to the app's own page (still in
// the document, outside #boot, once the app has taken over) and when the app marked itself
// ready. Entries of the prerendered page lose their element when the app removes it.
const WATCH = (marks) => {
  window.__cards = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!marks.includes(entry.identifier)) continue;
      const box = entry.intersectionRect;
      const element = entry.element;
      window.__cards.push({
        at: entry.renderTime || entry.loadTime,
        visible: box.width > 0 && box.height > 0,
        app: Boolean(element?.isConnected && !element.closest('#boot') && document.documentElement.dataset.app === 'ready'),
      });
    }
  }).observe({ type: 'element', buffered: true });
};

const MOMENTS = () => window.__appReadyAt !== undefined && window.__cards.some((card) => card.app && card.visible);
const moments = (page) =>
  page.evaluate(() => {
    const first = (cards) => Math.min(...cards.filter((card) => card.visible).map((card) => card.at));
    return { card: first(window.__cards), ready: first(window.__cards.filter((card) => card.app)), marked: window.__appReadyAt };
  });

/** Median and 95th percentile of each moment over the runs. */
function stats(runs) {
  const of = (key) => {
    const times = runs.map((run) => run[key]).sort((a, b) => a - b);
    const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
    return { median_ms: Math.round(at(0.5)), p95_ms: Math.round(at(0.95)) };
  };
  return { runs: runs.length, first_card_painted: of('card'), app_page_painted: of('ready'), app_marked_ready_in_dom: of('marked') };
}

const PHONE = {
  cpu: 4,
  // Chrome DevTools' "Slow 4G" preset.
  network: { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 },
};

async function coldVisits(browser, url, profile) {
  const runs = [];
  for (let run = 0; run < RUNS; run += 1) {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
    const page = await context.newPage();
    if (profile) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', profile.network);
    }
    await page.addInitScript(WATCH, Object.values(NAMES.paintMarks));
    await page.addInitScript(RECORD_APP_READY);
    await page.goto(url);
    await page.waitForFunction(MOMENTS, null, { timeout: 60_000 });
    runs.push(await moments(page));
    await context.close();
  }
  return stats(runs);
}

/**
 * A repeat visit with the server stopped: one visit online so that the service worker takes
 * over, then the server goes away and each run opens `path` in a new tab of the same
 * browser profile, served by the worker alone.
 */
async function repeatVisitServerStopped(browser, path, profile) {
  const own = await startServer();
  const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
  const first = await context.newPage();
  await first.goto(`${own.url}${path}`);
  await first.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
  await first.close();
  await own.close();
  await context.addInitScript(WATCH, Object.values(NAMES.paintMarks));
  await context.addInitScript(RECORD_APP_READY);
  const runs = [];
  for (let run = 0; run < RUNS; run += 1) {
    const page = await context.newPage();
    if (profile) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
    }
    await page.goto(`${own.url}${path}`);
    await page.waitForFunction(MOMENTS, null, { timeout: 60_000 });
    runs.push(await moments(page));
    await page.close();
  }
  await context.close();
  return stats(runs);
}

/** The newest article's id, from the dataset's newest card file. */
async function newestArticle() {
  const manifest = JSON.parse(await readFile(`${DIST}data/manifest.json`, 'utf8'));
  const cards = JSON.parse(await readFile(`${DIST}data/${manifest.cards[0].file.path}`, 'utf8'));
  return cards.cards[0].id;
}

const server = await startServer();
const browser = await launch();
try {
  const result = {
    ...provenance(),
    sizes: await sizes(),
    visits: {
      news_page_this_machine: await coldVisits(browser, `${server.url}/news`),
      news_page_phone_profile: await coldVisits(browser, `${server.url}/news`, PHONE),
      home_page_phone_profile: await coldVisits(browser, `${server.url}/`, PHONE),
      // A link into the newest article, as one shared in LINE or Facebook is opened.
      article_page_phone_profile: await coldVisits(browser, `${server.url}/news/${await newestArticle()}`, PHONE),
      repeat_visit_server_stopped_this_machine: await repeatVisitServerStopped(browser, '/news'),
      repeat_visit_server_stopped_phone_cpu: await repeatVisitServerStopped(browser, '/news', PHONE),
    },
  };
  await mkdir(fileURLToPath(new URL('../../target/', import.meta.url)), { recursive: true });
  await writeFile(OUT, `${JSON.stringify(result, null, 2)}\n`);
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log('| file | raw | gzip -9 | as served (precompressed) |\n|---|---|---|---|');
  for (const [kind, { raw, gzip, served }] of Object.entries(result.sizes)) console.log(`| ${kind} | ${kb(raw)} | ${kb(gzip)} | ${kb(served)} |`);
  console.log("\n| visit | first news card (an article: its title) painted, median | p95 | the app's own page painted, median | p95 |\n|---|---|---|---|---|");
  for (const [name, { first_card_painted: card, app_page_painted: ready }] of Object.entries(result.visits)) {
    console.log(`| ${name} | ${card.median_ms} ms | ${card.p95_ms} ms | ${ready.median_ms} ms | ${ready.p95_ms} ms |`);
  }
  console.log(`\n(${RUNS} navigations each, times from navigation start, at ${result.commit}${result.uncommitted_changes ? ' with uncommitted changes' : ''}; written to target/measure.json)`);
} finally {
  await browser.close();
  await server.close();
}
