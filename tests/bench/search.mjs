// Search benchmark, in headless Chromium on the release build with the search engine exported
// (`make build-search-bench`, in target/search-bench-dist/): our engine against
// MiniSearch 7.2 and Fuse.js 7.5 on the same generated bundles, the same queries, in the same
// page. Reports index build time, search time per query (median, p95), recall against the
// items that contain the query text, and the time from a keystroke in /news to the updated,
// laid-out list. Writes target/bench/search.json and prints tables for tests/bench/figures.md.
// Usage: make build-search-bench && node tests/bench/search.mjs   (BENCH_SIZES=1000,5000 to choose sizes; 10,000 items
// make a 35 MB bundle, over the app's 32 MB limit; BENCH_ENGINES=ours,minisearch to leave
// one out)
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launch } from '../e2e/browser.mjs';
import { bundleOnly, startServer } from '../e2e/server.mjs';
import { generate } from './generate.mjs';
import { QUERIES } from './queries.mjs';

const SIZES = (process.env.BENCH_SIZES ?? '1000,5000').split(',').map(Number);
const ENGINES = (process.env.BENCH_ENGINES ?? 'ours,minisearch,fuse').split(',');
const REPEAT = 5;
const OUT = fileURLToPath(new URL('../../target/bench/', import.meta.url));
const modules = fileURLToPath(new URL('../../node_modules/', import.meta.url));
const BENCH_DIST = fileURLToPath(new URL('../../target/search-bench-dist/', import.meta.url));


function percentile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

const summary = (times) => ({ median_ms: +percentile(times, 0.5).toFixed(3), p95_ms: +percentile(times, 0.95).toFixed(3) });

/** Runs in the page: builds the three indexes and times every query on each. */
async function inPage({ queries, repeat, only }) {
  const { default: MiniSearch } = await import('/bench/minisearch.mjs');
  const { default: Fuse } = await import('/bench/fuse.mjs');
  const text = await (await fetch('data/bundle.json')).text();
  const bundle = JSON.parse(text);
  const districts = Object.fromEntries(bundle.districts.map((d) => [d.code, `${d.name.th} ${d.name.en ?? ''}`]));
  const both = (t) => (t ? `${t.th} ${t.en ?? ''}` : '');
  const docs = bundle.news.map((n) => ({
    id: n.id,
    title: both(n.title),
    summary: both(n.summary),
    body: both(n.body),
    author: n.author ?? '',
    district: districts[n.district] ?? '',
  }));
  const fields = ['title', 'summary', 'body', 'author', 'district'];

  // The items that contain the query text, worked out independently of every engine.
  const fold = (s) => s.normalize('NFKC').toLowerCase().replace(/[\u200b-\u200f\ufeff]/g, '')
    .replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50)).replace(/\s+/g, ' ').trim();
  const haystacks = docs.map((d) => fold(fields.map((f) => d[f]).join('\n')));
  const terms = (q) => {
    const out = [];
    q.split('"').forEach((part, i) => {
      if (i % 2) { if (fold(part)) out.push(fold(part)); } else out.push(...fold(part).split(' ').filter(Boolean));
    });
    return out;
  };

  const time = (run) => {
    const start = performance.now();
    let result;
    for (let i = 0; i < repeat; i += 1) result = run();
    return [(performance.now() - start) / repeat, result];
  };

  // Each index is built three times; the median build is reported.
  const builds = (build) => {
    const times = [];
    let built;
    for (let i = 0; i < 3; i += 1) {
      const begun = performance.now();
      built = build();
      times.push(performance.now() - begun);
    }
    return [times.sort((a, b) => a - b)[1], built];
  };

  const engines = {};
  // The app's own bindings: the glue module the start-up script imported, the same
  // instance, so the wasm it set up answers here too.
  const glue = performance.getEntriesByType('resource').map((e) => e.name)
    .find((name) => /\/city-comms-[0-9a-f]+\.js$/.test(new URL(name).pathname));
  const { SearchBench } = await import(glue);
  const start = performance.now();
  const ours = new SearchBench(text);
  const parseMs = performance.now() - start;
  const [oursBuild] = builds(() => ours.build());
  engines.ours = { build_ms: oursBuild, parse_ms: parseMs, search: (q) => ours.search(q) };
  const idsOf = { ours: (found) => Array.from(found, (at) => docs[at].id) };

  const skip = () => [0, null];
  const [miniBuild, mini] = (only.includes('minisearch') ? builds : skip)(() => {
    const index = new MiniSearch({ fields, storeFields: [] });
    index.addAll(docs);
    return index;
  });
  engines.minisearch = {
    build_ms: miniBuild,
    search: (q) => mini.search(q, { prefix: true, combineWith: 'AND' }).map((r) => r.id),
  };

  const [fuseBuild, fuse] = (only.includes('fuse') ? builds : skip)(() => {
    const index = Fuse.createIndex(fields, docs);
    return new Fuse(docs, { keys: fields, ignoreLocation: true, threshold: 0.2 }, index);
  });
  engines.fuse = { build_ms: fuseBuild, search: (q) => fuse.search(q).map((r) => r.item.id) };

  const results = {};
  for (const [name, engine] of Object.entries(engines)) {
    if (!only.includes(name)) continue;
    const times = [];
    const recalls = [];
    for (const q of queries) {
      const [ms, found] = time(() => engine.search(q), name === 'fuse' ? 1 : repeat);
      times.push(ms);
      const wanted = terms(q);
      const relevant = haystacks.flatMap((h, i) => (wanted.every((t) => h.includes(t)) ? [docs[i].id] : []));
      const got = new Set(idsOf[name] ? idsOf[name](found) : found);
      recalls.push(relevant.length === 0 ? 1 : relevant.filter((id) => got.has(id)).length / relevant.length);
    }
    results[name] = { build_ms: engine.build_ms, parse_ms: engine.parse_ms, times, recalls };
  }
  return { items: docs.length, results };
}

/**
 * Runs in the page: time from the last keystroke of each query until the app has finished
 * (every microtask it queued has run, and the new list is laid out). Checks that what was
 * on screen then is what is there a frame later, so no work was left for later.
 */
async function keystrokes({ queries }) {
  const input = document.querySelector('#news-q');
  const count = () => document.querySelector('[data-testid="result-count"]').textContent;
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const drained = () => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = resolve;
    channel.port2.postMessage(0);
  });
  const type = (value) => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const times = [];
  const handler = [];
  const beforeLayout = [];
  let late = 0;
  for (const q of queries) {
    type(q.slice(0, -1));
    await frame();
    await frame();
    const start = performance.now();
    type(q);
    handler.push(performance.now() - start);
    await drained();
    beforeLayout.push(performance.now() - start);
    void document.body.offsetHeight; // include style and layout of the new list
    times.push(performance.now() - start);
    const shown = [count(), document.querySelector('.news-list').innerHTML];
    await frame();
    if (shown[0] !== count() || shown[1] !== document.querySelector('.news-list').innerHTML) late += 1;
  }
  type('');
  return { times, handler, beforeLayout, late };
}

const browser = await launch();
const report = { measured_at: new Date().toISOString(), queries: QUERIES.length, sizes: {} };
try {
  for (const size of SIZES) {
    const json = JSON.stringify(generate(size));
    const server = await startServer({
      root: BENCH_DIST,
      replace: {
        // The bundle read whole, as this benchmark measures it: no dataset is served.
        ...bundleOnly(json),
        '/bench/minisearch.mjs': await readFile(`${modules}minisearch/dist/es/index.js`),
        '/bench/fuse.mjs': await readFile(`${modules}fuse.js/dist/fuse.min.mjs`),
      },
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'th-TH' });
    const page = await context.newPage();
    page.setDefaultTimeout(600_000);
    await page.goto(`${server.url}/news`);
    await page.getByTestId('news-card').first().waitFor();
    const engines = await page.evaluate(inPage, { queries: QUERIES, repeat: REPEAT, only: ENGINES });
    const typed = await page.evaluate(keystrokes, { queries: QUERIES });
    const entry = {
      items: engines.items,
      keystroke_to_list: { ...summary(typed.times), updated_after_measure: typed.late },
      keystroke_handler_alone: summary(typed.handler),
      keystroke_before_layout: summary(typed.beforeLayout),
      engines: {},
    };
    for (const [name, r] of Object.entries(engines.results)) {
      entry.engines[name] = {
        build_ms: +r.build_ms.toFixed(1),
        ...(r.parse_ms === undefined ? {} : { parse_ms: +r.parse_ms.toFixed(1) }),
        search: summary(r.times),
        recall_mean: +(r.recalls.reduce((a, b) => a + b, 0) / r.recalls.length).toFixed(4),
        recall_min: +Math.min(...r.recalls).toFixed(4),
      };
    }
    report.sizes[size] = entry;
    await context.close();
    await server.close();
  }
} finally {
  await browser.close();
}

await mkdir(OUT, { recursive: true });
await writeFile(`${OUT}search.json`, `${JSON.stringify(report, null, 2)}\n`);
console.log(`| items | engine | index build | search median | search p95 | recall (mean / worst query) |`);
console.log('|---|---|---|---|---|---|');
for (const [size, entry] of Object.entries(report.sizes)) {
  for (const [name, e] of Object.entries(entry.engines)) {
    console.log(`| ${size} | ${name} | ${e.build_ms} ms | ${e.search.median_ms} ms | ${e.search.p95_ms} ms | ${(e.recall_mean * 100).toFixed(1)}% / ${(e.recall_min * 100).toFixed(1)}% |`);
  }
  console.log(`| ${size} | keystroke → updated list | | ${entry.keystroke_to_list.median_ms} ms | ${entry.keystroke_to_list.p95_ms} ms | |`);
  console.log(`| ${size} | of which the input handler (address bar, router) | | ${entry.keystroke_handler_alone.median_ms} ms | ${entry.keystroke_handler_alone.p95_ms} ms | |`);
  console.log(`| ${size} | of which until the DOM is updated, before layout | | ${entry.keystroke_before_layout.median_ms} ms | ${entry.keystroke_before_layout.p95_ms} ms | |`);
}
console.log(`\n(${report.queries} queries; written to target/bench/search.json)`);
