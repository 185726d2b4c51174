// The dataset in Chromium on the phone profile (4x slower CPU, 150 ms latency, 1.6 Mbit/s),
// beside Pagefind 1.6 (what a static site would pick) over the same generated items, in the
// same browser, served gzipped by the project's host server. For each size:
// - first visit to /news?bundle=…: data bytes fetched (transfer, gzipped) until the first
//   news card of the dataset is painted, and the time from navigation to then;
// - each of the 56 queries typed into the search box: a cold query (fresh page, nothing
//   cached), and the same query again (warm), from the search box's input event to the
//   frame that shows the updated list (its first page of cards, all drawn), and to the
//   frame that first shows a card of it on screen (the rest of the page may still be
//   coming); for the cold one also to the filters' counts (a first search lists its items
//   from the index, then reads every item's filter row for the counts), with the bytes of each;
// - bytes fetched per query, ours and Pagefind's (index and the first ten results' fragments);
// - recall: ours from the result count against the ground truth of tests/bench/dataset.mjs
//   (run it first: it builds the datasets and writes target/bench/dataset.json); Pagefind's
//   as its result count over the ground truth, an upper bound;
// - JS heap and wasm memory after the queries;
// - the floor under any app: each query's page of cards put in place by the browser alone.
// Usage: node tests/bench/dataset-browser.mjs   (BENCH_SIZES=10000,100000; make build first;
// BENCH_PAGEFIND=off leaves Pagefind out; at 100,000 items its indexer outgrows a machine
// of 23 GB, and the row says so: see pagefindIndex)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { launch } from '../e2e/browser.mjs';
import { DIST, startServer } from '../e2e/server.mjs';
import { newsItems, searchedText } from './generate.mjs';
import { phonePage } from './phone.mjs';
import { QUERIES as ALL_QUERIES } from './queries.mjs';
import { runWatched } from './watched.mjs';

// BENCH_QUERIES=5 runs the first five queries only (a quick look, not a figure).
// BENCH_TYPED=off leaves out the round that types each query key by key (most of the run).
const QUERIES = ALL_QUERIES.slice(0, Number(process.env.BENCH_QUERIES ?? ALL_QUERIES.length));
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const TYPED = process.env.BENCH_TYPED !== 'off';
// BENCH_SORT=views orders every list by views (`&sort=views`) instead of newest first, and
// writes dataset-browser-views.json (Pagefind has no such order: run it with
// BENCH_PAGEFIND=off).
const SORT = process.env.BENCH_SORT ?? '';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BENCH = `${ROOT}target/bench/`;
const percentile = (values, q) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];
const round = (n) => +n.toFixed(1);

/**
 * Pagefind's index of the same items, built as a static site builds it: one HTML page per
 * item (the text our search reads, in a `data-pagefind-body`), indexed by Pagefind's own
 * command-line indexer, the binary its npm package installs. Its time and peak memory are
 * kept beside the index (`build.json`), so a later run reuses both. An indexer that grows
 * past three quarters of this machine's memory is stopped there (see watched.mjs): the row
 * then says so and has no Pagefind queries.
 */
async function pagefindIndex(size, out) {
  if (existsSync(`${out}/build.json`)) return JSON.parse(readFileSync(`${out}/build.json`, 'utf8'));
  rmSync(out, { recursive: true, force: true });
  const pages = `${BENCH}pagefind-site-${size}`;
  rmSync(pages, { recursive: true, force: true });
  const html = (text) => String(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;');
  for (const n of newsItems(size)) {
    const { titles, rest } = searchedText(n);
    mkdirSync(`${pages}/news/${n.id}`, { recursive: true });
    writeFileSync(
      `${pages}/news/${n.id}/index.html`,
      `<!doctype html><html lang="th"><head><meta charset="utf-8"><title>${html(n.title.th)}</title></head>` +
        `<body><main data-pagefind-body><h1>${titles.map(html).join(' ')}</h1>` +
        `${rest.map((text) => `<p>${html(text)}</p>`).join('')}</main></body></html>`,
    );
  }
  const budgetBytes = Math.floor((totalmem() * 3) / 4);
  const run = await runWatched(pagefindBinary(), ['--site', pages, '--output-path', out, '--force-language', 'th'], { budgetBytes });
  rmSync(pages, { recursive: true, force: true });
  const build = { build_s: round(run.seconds), peak_gb: round(run.peakBytes / 2 ** 30), failed: null };
  if (run.stopped) build.failed = `stopped at ${build.peak_gb} GB of memory, three quarters of this machine's ${round(totalmem() / 2 ** 30)} GB`;
  else if (run.code !== 0) build.failed = `the indexer ended with ${run.signal ?? `status ${run.code}`}`;
  mkdirSync(out, { recursive: true });
  writeFileSync(`${out}/build.json`, JSON.stringify(build));
  return build;
}

/** The path of Pagefind's indexer for this platform, as its npm package installs it. */
function pagefindBinary() {
  const require = createRequire(import.meta.url);
  for (const name of ['pagefind_extended', 'pagefind']) {
    try {
      return require.resolve(`@pagefind/${process.platform}-${arch()}/bin/${name}`);
    } catch {
      // The other build of it, then.
    }
  }
  throw new Error(`no Pagefind binary for ${process.platform}-${arch()}: run npm ci`);
}

/** A site to serve: the build, with the dataset and Pagefind's files beside it (hard links). */
function site(size) {
  const root = `${BENCH}site-${size}/`;
  rmSync(root, { recursive: true, force: true });
  execFileSync('cp', ['-al', DIST, root]);
  execFileSync('cp', ['-al', `${BENCH}dataset/${size}`, `${root}bench-data`]);
  execFileSync('cp', ['-al', `${BENCH}pagefind-${size}`, `${root}pagefind`]);
  return root;
}

// Resolves, in the page, once `what` is seen, with two times: `painted`, when the frame that
// first shows it has been drawn (its animation-frame callback, then a task after that
// frame), and `late`, two animation frames after it was seen, this benchmark's measure
// before 1 Dec 2026 (it counts at least one frame more). Started before the keystroke, it
// sees the first frame. What can be seen:
// - `list`: the results show `count` items with their first page of cards, all of them
//   drawn (a typed key draws a screenful first), and nothing is being fetched;
// - `screen`: the results show `count` items and the first card is on screen, while the
//   rest of the page may still be coming: what a person sees of a search first;
// - `counts`: the filters show their counts.
const SEEN = ({ what, count }) => new Promise((done) => {
  const PAGE = 20; // the cards of a page, `PAGE` in src/ui/news_list.rs
  const counted = () => document.querySelector('[data-testid=result-count]')?.textContent === String(count);
  const cards = () => document.querySelectorAll('.news-list [data-testid=news-card]');
  const card = () => cards()[0];
  const checks = {
    list: () => document.documentElement.dataset.app === 'ready' && document.querySelector('.results')?.getAttribute('aria-busy') === 'false'
      && counted() && cards().length === Math.min(count, PAGE),
    screen: () => {
      const box = card()?.getBoundingClientRect();
      return counted() && (count === 0 || (box && box.top < innerHeight && box.bottom > 0));
    },
    counts: () => document.querySelector('#news-filters')?.getAttribute('aria-busy') === 'false',
  };
  const check = () => {
    if (checks[what]()) {
      let painted;
      setTimeout(() => { painted = performance.now(); });
      requestAnimationFrame(() => requestAnimationFrame(() => done({ painted, late: performance.now() })));
    } else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
});

// The keystroke: the page's own time of the search box's input event.
const KEYSTROKE = () => addEventListener('input', (event) => { globalThis.benchKeyAt = event.timeStamp; }, true);

// Typing a query key by key, as a person does: for each key, the time from its input event
// to the task after the next frame (what that frame shows is what the key gave at once),
// and whether the list was still waiting for data then (that key is not a warm one: its
// results come later, with the files they need). Beside it, each input event's Event Timing
// `duration` (the browser's own measure, to the next paint, as INP reads it; it reports
// only events of 16 ms or more, rounded to 8 ms).
const TYPING = () => {
  const keys = (globalThis.benchKeys = []);
  const slow = (globalThis.benchSlowEvents = []);
  addEventListener('input', (event) => {
    const at = event.timeStamp;
    requestAnimationFrame(() => {
      const busy = document.querySelector('.results')?.getAttribute('aria-busy') === 'true';
      setTimeout(() => keys.push({ ms: performance.now() - at, busy }));
    });
  }, true);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'input') slow.push(entry.duration);
  }).observe({ type: 'event', durationThreshold: 16 });
};

// The floor under any app: the pages of cards this run showed, put in place by the browser
// alone (one `innerHTML` each, no app code, in a copy of the list beside it), timed as a
// typed key is, from the task that changes the list to the task after the next frame.
// The phone profile's layout and paint of a page of Thai cards are in it; what the app
// adds to a key is the difference.
// Also each page's first four cards alone (`SCREEN` in src/ui/news_list.rs), what a typed
// key's own frame draws.
const BROWSER_ALONE = async (pages) => {
  const SCREEN = 4;
  const list = document.querySelector('.news-list');
  const copy = list.cloneNode(false);
  list.after(copy);
  list.style.display = 'none';
  const screenful = (html) => {
    const page = document.createElement('template');
    page.innerHTML = html;
    return [...page.content.children].slice(0, SCREEN).map((card) => card.outerHTML).join('');
  };
  const put = (html) => new Promise((done) => setTimeout(() => {
    const at = performance.now();
    copy.innerHTML = html;
    requestAnimationFrame(() => setTimeout(() => done({ ms: performance.now() - at })));
  }));
  const times = { page: [], screen: [] };
  for (const html of pages) {
    for (const [what, markup] of [['page', html], ['screen', screenful(html)]]) {
      await new Promise((next) => setTimeout(next, 150));
      times[what].push(await put(markup));
    }
  }
  return times;
};

/** Starts watching for `what` (see `SEEN`) before the keystroke; `.result()` awaits it. */
async function watch(page, what, count) {
  const name = `benchSeen_${what}`;
  await page.evaluate(`void (globalThis.${name} = (${SEEN})(${JSON.stringify({ what, count })}))`);
  return { result: () => page.evaluate((name) => globalThis[name], name) };
}

async function ours(browser, url, truth, items) {
  const address = `${url}/news?bundle=bench-data/manifest.json${SORT ? `&sort=${SORT}` : ''}`;
  const data = (u) => u.pathname.startsWith('/bench-data/');
  // First visit: navigation to the first card of the dataset painted.
  const first = await phonePage(browser);
  await first.page.goto(address, { waitUntil: 'commit' });
  const firstCardMs = (await first.page.evaluate(SEEN, { what: 'list', count: items })).painted;
  const firstCardBytes = first.bytes(data);
  const appBytes = first.bytes((u) => !data(u));
  await first.context.close();

  const queries = [];
  const pages = [];
  let memory = {};
  let page;
  for (const [i, q] of QUERIES.entries()) {
    const times = [];
    for (const round of ['cold', 'warm']) {
      if (round === 'cold') {
        // Cold: a new page, with nothing of the index fetched yet.
        await page?.context.close();
        page = await phonePage(browser);
        await page.page.addInitScript(KEYSTROKE);
        await page.page.goto(address);
      } else {
        await page.page.locator('#news-q').fill('');
      }
      await page.page.evaluate(SEEN, { what: 'list', count: items });
      const before = page.bytes(data);
      const start = await page.page.evaluate(() => performance.now());
      const listed = await watch(page.page, 'list', truth[i].found);
      const screen = await watch(page.page, 'screen', truth[i].found);
      await page.page.locator('#news-q').fill(q);
      const end = await listed.result();
      const seen = await screen.result();
      const key = await page.page.evaluate(() => globalThis.benchKeyAt);
      const listedBytes = page.bytes(data) - before;
      // A first search lists its items before the filter columns arrive for its counts. On
      // a phone's screen the filters are folded, and their counts (a download, at a first
      // search) wait until they are opened: opened here once the list is painted, as a
      // reader who narrows the search opens them, and folded again after, as before.
      const toggle = page.page.locator('button[aria-controls=news-filters]');
      if (round === 'cold') await toggle.click();
      const counted = await page.page.evaluate(SEEN, { what: 'counts' });
      if (round === 'cold') await toggle.click();
      await page.page.waitForTimeout(300);
      times.push({
        ms: end.painted - key, screen_ms: seen.painted - key, counted_ms: counted.painted - key, before_ms: end.late - start, before_counted_ms: counted.late - start,
        listed_bytes: listedBytes, bytes: page.bytes(data) - before,
      });
    }
    // Typed key by key on the same page, from an empty box (BENCH_TYPED=off skips it).
    let typed = { keys: [], slow: [] };
    if (TYPED) {
      await page.page.locator('#news-q').fill('');
      await page.page.evaluate(SEEN, { what: 'list', count: items });
      await page.page.evaluate(TYPING);
      await page.page.locator('#news-q').pressSequentially(q, { delay: 150 });
      await page.page.evaluate(SEEN, { what: 'list', count: truth[i].found });
      await page.page.waitForTimeout(300);
      typed = await page.page.evaluate(() => ({ keys: globalThis.benchKeys, slow: globalThis.benchSlowEvents }));
    }
    const count = Number(await page.page.getByTestId('result-count').innerText());
    pages.push(await page.page.evaluate(() => document.querySelector('.news-list').innerHTML));
    queries.push({
      typed_keys: typed.keys, typed_slow_events: typed.slow,
      query: q, cold_ms: times[0].ms, cold_screen_ms: times[0].screen_ms, warm_screen_ms: times[1].screen_ms, cold_counted_ms: times[0].counted_ms, warm_ms: times[1].ms,
      cold_before_ms: times[0].before_ms, cold_counted_before_ms: times[0].before_counted_ms, warm_before_ms: times[1].before_ms,
      cold_listed_bytes: times[0].listed_bytes, cold_bytes: times[0].bytes, count, truth: truth[i].truth, truth_found: truth[i].found,
    });
    if (i === QUERIES.length - 1) {
      memory = await page.page.evaluate(() => ({ js_heap: performance.memory?.usedJSHeapSize ?? 0, wasm: globalThis.cityCommsWasmBytes?.() ?? 0 }));
    }
  }
  const browserAlone = await page.page.evaluate(BROWSER_ALONE, pages);
  await page.context.close();
  return { firstCardMs, firstCardBytes, appBytes, queries, memory, browserAlone };
}

// Pagefind searches in a worker of its own, whose transfers the page's DevTools session
// does not see: its bytes are the files the server was asked for, as stored (Pagefind
// writes its index and fragments compressed; its small entry file is counted unzipped),
// its code (scripts and its wasm) left out as ours is.
async function theirs(browser, url, truth, root, served) {
  const queries = [];
  for (const [i, q] of QUERIES.entries()) {
    const page = await phonePage(browser);
    await page.page.goto(`${url}/robots.txt`);
    served.length = 0;
    const result = await page.page.evaluate(async (q) => {
      const pf = await import('/pagefind/pagefind.js');
      await pf.options({ baseUrl: '/' });
      await pf.init();
      const begun = performance.now();
      const search = await pf.search(q);
      await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
      return { ms: performance.now() - begun, count: search.results.length };
    }, q);
    // The last transfers are reported a moment after the page has used them.
    await page.page.waitForTimeout(1000);
    const bytes = served
      .filter((path) => path.startsWith('/pagefind/') && !/(\.js|\.css|\.wasm|\/wasm\.[^/]*)$/.test(path))
      .reduce((sum, path) => sum + (existsSync(`${root}${path.slice(1)}`) ? statSync(`${root}${path.slice(1)}`).size : 0), 0);
    queries.push({ query: q, cold_ms: result.ms, count: result.count, truth: truth[i].truth, cold_bytes: bytes });
    await page.context.close();
  }
  return { queries };
}

const summary = (qs, key) => ({ median: round(percentile(qs.map((q) => q[key]), 0.5)), p95: round(percentile(qs.map((q) => q[key]), 0.95)) });

// Every key of every query typed: the warm ones (the list not waiting for data at the next
// frame), their times, and how many input events Event Timing found slower than 16 ms.
function typedSummary(queries) {
  const keys = queries.flatMap((q) => q.typed_keys);
  const warm = keys.filter((k) => !k.busy).map((k) => ({ ms: k.ms }));
  const slow = queries.flatMap((q) => q.typed_slow_events);
  return {
    keys: keys.length, warm_keys: warm.length, warm: summary(warm, 'ms'),
    over_16ms_share: round((warm.filter((k) => k.ms > 16).length / Math.max(1, warm.length)) * 100),
    // Over every key; an event it did not report counts as 16 (it took 16 ms or less).
    event_timing_over_16ms: slow.length,
    event_timing_p95_ms: percentile([...slow, ...Array(Math.max(0, keys.length - slow.length)).fill(16)], 0.95),
  };
}

const report = JSON.parse(existsSync(`${BENCH}dataset.json`) ? readFileSync(`${BENCH}dataset.json`, 'utf8') : '[]');
const browser = await launch();
const out = [];
for (const size of SIZES) {
  const compiled = report.find((r) => r.items === size);
  if (!compiled || !existsSync(`${BENCH}dataset/${size}/manifest.json`)) throw new Error(`run BENCH_SIZES=${size} node tests/bench/dataset.mjs first`);
  const withPagefind = process.env.BENCH_PAGEFIND !== 'off';
  mkdirSync(`${BENCH}pagefind-${size}`, { recursive: true });
  const pagefindBuild = withPagefind ? await pagefindIndex(size, `${BENCH}pagefind-${size}`) : null;
  const root = site(size);
  const served = [];
  const server = await startServer({ root, onRequest: (address) => { served.push(new URL(address, 'http://x').pathname); } });
  const mine = await ours(browser, server.url, compiled.queries, size);
  const pf = pagefindBuild && !pagefindBuild.failed ? await theirs(browser, server.url, compiled.queries, root, served) : { queries: [] };
  await server.close();
  const recall = (qs) => qs.reduce((s, q) => s + Math.min(q.count, q.truth), 0) / qs.reduce((s, q) => s + q.truth, 0);
  const row = {
    items: size, sort: SORT || 'newest',
    first_card_ms: round(mine.firstCardMs), first_card_data_kb: round(mine.firstCardBytes / 1024), app_kb: round(mine.appBytes / 1024),
    ours: {
      cold_screen: summary(mine.queries, 'cold_screen_ms'), warm_screen: summary(mine.queries, 'warm_screen_ms'),
      cold: summary(mine.queries, 'cold_ms'), cold_counted: summary(mine.queries, 'cold_counted_ms'), warm: summary(mine.queries, 'warm_ms'),
      measured_as_before: { cold: summary(mine.queries, 'cold_before_ms'), cold_counted: summary(mine.queries, 'cold_counted_before_ms'), warm: summary(mine.queries, 'warm_before_ms') },
      listed_kb: summary(mine.queries.map((q) => ({ ...q, kb: q.cold_listed_bytes / 1024 })), 'kb'),
      kb: summary(mine.queries.map((q) => ({ ...q, kb: q.cold_bytes / 1024 })), 'kb'), count_equals_index: mine.queries.every((q) => q.count === q.truth_found), recall_vs_truth: round(recall(mine.queries) * 100) },
    pagefind: !pagefindBuild ? null : pagefindBuild.failed ? pagefindBuild : { ...pagefindBuild, cold: summary(pf.queries, 'cold_ms'), kb: summary(pf.queries.map((q) => ({ ...q, kb: q.cold_bytes / 1024 })), 'kb'), recall_at_most: round(recall(pf.queries) * 100) },
    typed: TYPED ? typedSummary(mine.queries) : null,
    browser_alone: { page: summary(mine.browserAlone.page, 'ms'), screen: summary(mine.browserAlone.screen, 'ms') },
    memory_mb: { js_heap: round(mine.memory.js_heap / 1e6), wasm: round(mine.memory.wasm / 1e6) },
    queries: { ours: mine.queries, pagefind: pf.queries },
  };
  out.push(row);
  console.log(JSON.stringify({ ...row, queries: undefined }));
  rmSync(root, { recursive: true, force: true });
}
await browser.close();
writeFileSync(`${BENCH}dataset-browser${SORT ? `-${SORT}` : ''}.json`, JSON.stringify(out, null, 2));
