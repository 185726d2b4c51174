// Dataset benchmark (issue 14): generated corpora compiled by the release `city-comms-data
// build`, then, per size: compile time and peak memory, files and bytes (raw and gzipped,
// as hosts serve them), the data a first visit fetches before the first news card (the
// manifest and the newest part of cards) and before search works (the same: a query fetches
// its own parts of the index's directory), and for each of the search benchmark's queries
// the bytes `city-comms-data query` reads (directory parts and chunks), and its recall
// against items found by an independent fold of the generated text; then what a day's news
// rewrites, on the day after the newest item and on the first day of the next month.
// Writes target/bench/dataset.json and prints a table for tests/bench/README.md.
// Usage: node tests/bench/dataset.mjs   (BENCH_SIZES=1000,10000,100000,500000 to choose)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { DAY_AFTER, NEXT_MONTH, newsItems, writeBundle } from './generate.mjs';
import { holds, searchedHay, terms } from './truth.mjs';
import { QUERIES } from './queries.mjs';
import { runWatched } from './watched.mjs';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = `${ROOT}target/bench/dataset/`;
const TOOL = `${ROOT}target/release/city-comms-data`;

const gz = (path) => gzipSync(readFileSync(path), { level: 6 }).length;
const percentile = (values, q) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(`${dir}/${e.name}`) : [`${dir}/${e.name}`]));
}

/** The ids of the items that hold every term of each query, by an independent fold. */
function groundTruth(count) {
  const wanted = QUERIES.map(terms);
  const found = QUERIES.map(() => new Set());
  const order = [];
  for (const n of newsItems(count)) {
    order.push([n.published, n.id]);
    const hay = searchedHay(n);
    wanted.forEach((ts, q) => { if (holds(hay, ts)) found[q].add(n.id); });
  }
  order.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return { found, ids: order.map(([, id]) => id) };
}

/**
 * What one more day's news rewrites: the corpus's own daily rate of items (it spans five
 * years) published `on` a day after its newest, compiled over a copy of the folder as a
 * host does. The files that are new are what a CDN serves afresh and a device that keeps
 * the archive downloads again. Leaves the folder as it found it.
 */
async function nextDay(dir, size, on) {
  const items = Math.max(1, Math.round(size / 1826));
  const before = new Set(walk(dir));
  const later = `${OUT}${size}-next-day.json`;
  const copy = `${dir}-next-day`;
  rmSync(copy, { recursive: true, force: true });
  execFileSync('cp', ['-r', dir, copy]);
  await writeBundle(later, size, undefined, { later: items, on });
  execFileSync(TOOL, ['build', later, copy], { stdio: 'ignore' });
  const fresh = walk(copy).filter((f) => !before.has(f.replace(copy, dir)));
  const result = {
    on,
    items,
    files: walk(copy).length,
    new_files: fresh.length,
    new_index_files: fresh.filter((f) => f.includes('/index/')).length,
    new_gzip_kb: +(fresh.reduce((sum, f) => sum + gz(f), 0) / 1024).toFixed(1),
  };
  rmSync(copy, { recursive: true, force: true });
  rmSync(later, { force: true });
  return result;
}

execFileSync('cargo', ['build', '--release', '--quiet', '-p', 'city-comms-data'], { cwd: ROOT, stdio: 'inherit' });
mkdirSync(OUT, { recursive: true });
const results = [];
for (const size of SIZES) {
  const source = `${OUT}${size}.json`;
  const dir = `${OUT}${size}`;
  await writeBundle(source, size);
  rmSync(dir, { recursive: true, force: true });
  const compiled = await runWatched(TOOL, ['build', source, dir]);
  if (compiled.code !== 0) throw new Error(`city-comms-data build ${source} ended with ${compiled.signal ?? `status ${compiled.code}`}`);
  const compileS = compiled.seconds;
  const files = walk(dir);
  const raw = files.reduce((sum, f) => sum + statSync(f).size, 0);
  const gzipped = files.reduce((sum, f) => sum + gz(f), 0);
  const manifest = JSON.parse(readFileSync(`${dir}/manifest.json`, 'utf8'));
  const firstCard = gz(`${dir}/manifest.json`) + gz(`${dir}/${manifest.cards[0].file.path}`);
  // Nothing more is fetched before a search can start: each query reads the parts of the
  // index's directory its keys are in (format 5; before it, the whole directory came first).
  const searchReady = firstCard;
  const truth = groundTruth(size);
  const queries = QUERIES.map((q, i) => {
    const answer = JSON.parse(execFileSync(TOOL, ['query', dir, q], { encoding: 'utf8', maxBuffer: 1 << 30 }));
    const ids = new Set(answer.ordinals.map((o) => truth.ids[o]));
    const hit = [...truth.found[i]].filter((id) => ids.has(id)).length;
    const gzBytes = answer.files.reduce((sum, f) => sum + gz(`${dir}/${f}`), 0);
    return { query: q, truth: truth.found[i].size, found: answer.found, hit, chunks: answer.files.filter((f) => f.includes('/chunk.')).length, parts: answer.files.filter((f) => f.includes('/directory.')).length, raw_bytes: answer.bytes, gzip_bytes: gzBytes };
  });
  // The next day's news, and the first news of the next month, which moves the month
  // before into the archive's index segment.
  const day = await nextDay(dir, size, DAY_AFTER);
  const month = await nextDay(dir, size, NEXT_MONTH);
  const recall = queries.reduce((s, q) => s + q.hit, 0) / Math.max(1, queries.reduce((s, q) => s + q.truth, 0));
  const extra = queries.reduce((s, q) => s + (q.found - q.hit), 0);
  const per = queries.map((q) => q.gzip_bytes);
  const row = {
    items: size, compile_s: +compileS.toFixed(2), compile_peak_gb: +(compiled.peakBytes / 2 ** 30).toFixed(2), files: files.length, raw_mb: +(raw / 1e6).toFixed(1), gzip_mb: +(gzipped / 1e6).toFixed(1),
    first_card_kb: +(firstCard / 1024).toFixed(1), search_ready_kb: +(searchReady / 1024).toFixed(1),
    query_kb_median: +(percentile(per, 0.5) / 1024).toFixed(1), query_kb_p95: +(percentile(per, 0.95) / 1024).toFixed(1),
    recall: +(recall * 100).toFixed(2), found_beyond_truth: extra, day, month, queries,
  };
  results.push(row);
  console.log(`| ${size.toLocaleString('en')} | ${row.compile_s} s, ${row.compile_peak_gb} GB | ${row.files} | ${row.raw_mb} MB / ${row.gzip_mb} MB | ${row.first_card_kb} KB | ${row.search_ready_kb} KB | ${row.query_kb_median} / ${row.query_kb_p95} KB | ${row.recall}% | ${extra} |`);
  for (const [what, d] of [["a day's news", day], ["a new month's first news", month]]) {
    console.log(`  ${what} (${d.items} items on ${d.on}): ${d.new_files} of ${d.files} files new, ${d.new_index_files} of them index files; ${d.new_gzip_kb} KB gzipped of ${row.gzip_mb} MB`);
  }
  rmSync(source, { force: true });
}
writeFileSync(`${ROOT}target/bench/dataset.json`, JSON.stringify(results, null, 2));
