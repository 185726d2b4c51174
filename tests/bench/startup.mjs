// Where the app's start spends the main thread: the release build in dist/, served as hosts
// serve it, `/news` loaded with the phone profile's CPU (4× slower) and no network limit, so
// that what is left is the work of starting, not the download. The browser's own trace
// (DevTools' timeline and V8's wasm events) of each load is summed by event name on the
// renderer's main thread, from the navigation to `data-app="ready"`.
//
//   node tests/bench/startup.mjs [loads]      (after `make build`; default 5 loads)
//
// Writes target/bench/startup.json and prints a table for tests/bench/figures.md. Events
// nest (a task holds the function call that holds a lazy compilation), so the rows are not
// to be added up: each says how long the main thread spent in that kind of work.
import { mkdir, writeFile } from 'node:fs/promises';
import { launch } from '../../src/build/chromium.mjs';
import { startServer } from '../e2e/server.mjs';
import { provenance } from '../e2e/provenance.mjs';
import { PHONE } from './phone.mjs';

const LOADS = Number(process.argv[2] ?? 5);

/**
 * What each row counts: trace event names on the main thread, and what a reader calls it.
 * `same`: the names are one piece of work seen by two layers (the longest is taken);
 * otherwise they are different work, added up.
 */
const ROWS = [
  ['busy: every task of the main thread', ['RunTask']],
  ['scripts and wasm running (called from the browser)', ['FunctionCall', 'v8.callFunction'], 'same'],
  ["of which the app's own tasks after a timer (its start in turns)", ['TimerFire']],
  ['wasm functions compiled on their first call', ['wasm.CompileLazy']],
  ['the wasm compiled as it streams in (main-thread part)', ['wasm.OnBytesReceived', 'v8.wasm.compileConsume', 'wasm.FinishStreaming']],
  ['scripts evaluated', ['EvaluateScript', 'v8.evaluateModule'], 'same'],
  ['HTML parsed', ['ParseHTML']],
  ['style and layout', ['UpdateLayoutTree', 'Layout']],
  ['paint', ['PrePaint', 'Paint', 'Layerize']],
  ['garbage collection', ['MinorGC', 'MajorGC']],
];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

async function traceOneLoad(browser, url) {
  const context = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'th-TH', serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpu });
    const events = [];
    cdp.on('Tracing.dataCollected', (data) => events.push(...data.value));
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8,v8.wasm', transferMode: 'ReportEvents' });
    const started = Date.now();
    await page.goto(`${url}/news`);
    await page.waitForFunction(() => document.documentElement.dataset.app === 'ready', null, { timeout: 60_000 });
    const ready = Date.now() - started;
    await cdp.send('Tracing.end');
    await complete;
    // The renderer's main thread is the one that parsed the document.
    const parsers = new Map();
    for (const event of events) if (event.name === 'ParseHTML') parsers.set(event.tid, (parsers.get(event.tid) ?? 0) + 1);
    const main = [...parsers].sort((a, b) => b[1] - a[1])[0]?.[0];
    const spent = new Map();
    for (const event of events) {
      if (event.tid !== main || event.ph !== 'X' || typeof event.dur !== 'number') continue;
      spent.set(event.name, (spent.get(event.name) ?? 0) + event.dur / 1000);
    }
    const rows = ROWS.map(([label, names, same]) => {
      const each = names.map((name) => spent.get(name) ?? 0);
      return [label, same ? Math.max(...each) : each.reduce((a, b) => a + b, 0)];
    });
    return { ready, rows };
  } finally {
    await context.close();
  }
}

const server = await startServer({});
const browser = await launch();
try {
  const loads = [];
  for (let i = 0; i < LOADS; i++) loads.push(await traceOneLoad(browser, server.url));
  const figures = {
    ...provenance(),
    loads: LOADS,
    cpu_slowdown: PHONE.cpu,
    ready_ms: median(loads.map((load) => load.ready)),
    main_thread_ms: Object.fromEntries(ROWS.map(([label], i) => [label, Math.round(median(loads.map((load) => load.rows[i][1])))])),
  };
  await mkdir('target/bench', { recursive: true });
  await writeFile('target/bench/startup.json', `${JSON.stringify(figures, null, 1)}\n`);
  console.log(`| \`/news\`, ${PHONE.cpu}× CPU, no network limit, median of ${LOADS} loads | main thread |`);
  console.log('|---|---|');
  console.log(`| navigation to \`data-app="ready"\` | ${figures.ready_ms} ms |`);
  for (const [label, ms] of Object.entries(figures.main_thread_ms)) console.log(`| ${label} | ${ms} ms |`);
  console.log(`\n(at ${figures.commit}${figures.uncommitted_changes ? ' with changes' : ''}; written to target/bench/startup.json)`);
} finally {
  await browser.close();
  await server.close();
}
