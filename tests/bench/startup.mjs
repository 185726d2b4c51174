// Where the app's start spends the main thread: the release build in dist/, served as hosts
// serve it, `/news` loaded with the phone profile's CPU (4× slower) and no network limit, so
// that what is left is the work of starting, not the download. The browser's own trace
// (DevTools' timeline and V8's wasm events) of each load is summed by event name on the
// renderer's main thread, from the navigation to `data-app="ready"`.
//
//   node tests/bench/startup.mjs [loads] [other build]   (after `make build`; default 5 loads)
//
// With another build's directory (say, dist/ of an earlier commit, copied aside), the loads
// alternate between the two, so that both meet the same machine, and the table has a column
// each. Writes target/bench/startup.json and prints a table for tests/bench/figures.md. Events
// nest (a task holds the function call that holds a lazy compilation), so the rows are not
// to be added up: each says how long the main thread spent in that kind of work.
import { mkdir, writeFile } from 'node:fs/promises';
import { launch } from '../../src/build/chromium.mjs';
import { DIST, startServer } from '../e2e/server.mjs';
import { provenance } from '../e2e/provenance.mjs';
import { PHONE } from './phone.mjs';

const LOADS = Number(process.argv[2] ?? 5);
const OTHER = process.argv[3];

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

const builds = [{ name: 'dist/', root: DIST }, ...(OTHER ? [{ name: OTHER, root: OTHER }] : [])];
const servers = await Promise.all(builds.map(({ root }) => startServer({ root })));
const browser = await launch();
try {
  const loads = builds.map(() => []);
  for (let i = 0; i < LOADS; i++) {
    for (const [at, server] of servers.entries()) loads[at].push(await traceOneLoad(browser, server.url));
  }
  const figuresOf = (runs) => ({
    ready_ms: median(runs.map((load) => load.ready)),
    main_thread_ms: Object.fromEntries(ROWS.map(([label], i) => [label, Math.round(median(runs.map((load) => load.rows[i][1])))])),
  });
  const each = builds.map(({ name }, at) => ({ build: name, ...figuresOf(loads[at]) }));
  const figures = { ...provenance(), loads: LOADS, cpu_slowdown: PHONE.cpu, ...each[0], ...(OTHER ? { against: each[1] } : {}) };
  await mkdir('target/bench', { recursive: true });
  await writeFile('target/bench/startup.json', `${JSON.stringify(figures, null, 1)}\n`);
  const cells = (pick) => each.map((build) => ` ${pick(build)} ms |`).join('');
  console.log(`| \`/news\`, ${PHONE.cpu}× CPU, no network limit, median of ${LOADS} loads |${each.map(({ build }) => ` ${build} |`).join('')}`);
  console.log(`|---|${each.map(() => '---|').join('')}`);
  console.log(`| navigation to \`data-app="ready"\` |${cells((build) => build.ready_ms)}`);
  for (const [label] of ROWS) console.log(`| ${label} |${cells((build) => build.main_thread_ms[label])}`);
  console.log(`\n(dist/ at ${figures.commit}${figures.uncommitted_changes ? ' with changes' : ''}; written to target/bench/startup.json)`);
} finally {
  await browser.close();
  await Promise.all(servers.map((server) => server.close()));
}
