// The plan's monitoring at city scale: /plan/coverage for a fiscal year over 100,000 generated
// items (tests/bench/generate.mjs: five years, every district), in Chromium on the phone
// profile, served gzipped by the project's host server, beside the command line that counts
// the same from the source bundle (what a weekly report without a browser uses) and the sizes
// of what a person would otherwise download to count in a spreadsheet (the source bundle, the
// open data's CSV). For the page:
// - first visit: navigation to the grid painted, and the data bytes fetched;
// - with the data on the device: a click on another period (a quarter, then the year again)
//   to its grid painted, which reads nothing more.
// Usage: node tests/bench/coverage.mjs   (make build first; BENCH_SIZE=100000, BENCH_RUNS=5)
// Writes target/bench/coverage.json.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launch } from '../e2e/browser.mjs';
import { DIST, startServer } from '../e2e/server.mjs';
import { writeBundle } from './generate.mjs';
import { phonePage } from './phone.mjs';
import { provenance } from '../e2e/provenance.mjs';

const SIZE = Number(process.env.BENCH_SIZE ?? 100000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = `${ROOT}target/bench/coverage/`;
const COMPILER = `${ROOT}target/release/city-comms-data`;
const FROM = '2025-10-01';
const TO = '2026-09-30';
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (n) => +n.toFixed(1);

// Resolves, in the page, once the grid's summary names `label` and a frame with it has painted;
// the time is on the page's clock, from navigation start.
const PAINTED = (label) => new Promise((done) => {
  const check = () => {
    const summary = [...document.querySelectorAll('[data-testid=coverage-summary]')].pop();
    const ready = document.documentElement.dataset.app === 'ready' && summary?.textContent.startsWith(label)
      && document.querySelector('[data-testid=coverage-cell]')?.getBoundingClientRect().height > 0;
    if (ready) requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now())));
    else requestAnimationFrame(check);
  };
  check();
});

mkdirSync(OUT, { recursive: true });
const source = `${OUT}source-${SIZE}.json`;
if (!existsSync(source)) await writeBundle(source, SIZE);
const site = `${OUT}site-${SIZE}/`;
rmSync(site, { recursive: true, force: true });
execFileSync('cp', ['-al', DIST, site]);
let begun = performance.now();
execFileSync(COMPILER, ['build', source, `${site}bench-data`], { stdio: ['ignore', 'ignore', 'inherit'] });
const buildMs = performance.now() - begun;

// The command line, on the same source and period.
const cliMs = [];
for (let i = 0; i < RUNS; i += 1) {
  begun = performance.now();
  execFileSync(COMPILER, ['coverage', source, '--from', FROM, '--to', TO, '--csv', `${OUT}cli.csv`], { stdio: ['ignore', 'ignore', 'ignore'] });
  cliMs.push(performance.now() - begun);
}
const sourceBytes = statSync(source).size;
const sourceGzip = gzipSync(readFileSync(source)).length;

const server = await startServer({ root: site });
const browser = await launch();
const address = `${server.url}/plan/coverage?bundle=bench-data/manifest.json&from=${FROM}&to=${TO}`;
const data = (u) => u.pathname.startsWith('/bench-data/');
const runs = [];
for (let i = 0; i < RUNS; i += 1) {
  const phone = await phonePage(browser);
  await phone.page.goto(address, { waitUntil: 'commit' });
  const firstMs = await phone.page.evaluate(PAINTED, 'ปีงบประมาณ 2569');
  const firstBytes = phone.bytes(data);
  const said = await phone.page.locator('.coverage__fetched').innerText();
  const timed = async (link, label) => {
    const before = phone.bytes(data);
    const start = await phone.page.evaluate(() => performance.now());
    await phone.page.getByRole('link', { name: link, exact: true }).click();
    const end = await phone.page.evaluate(PAINTED, label);
    return { ms: end - start, bytes: phone.bytes(data) - before };
  };
  const quarter = await timed('ไตรมาส 1', 'ไตรมาส 1 ปีงบประมาณ 2569');
  const year = await timed('2569', 'ปีงบประมาณ 2569');
  const items = await phone.page.getByTestId('coverage-summary').last().innerText();
  runs.push({ firstMs, firstBytes, said, quarter, year, items });
  await phone.context.close();
}
await browser.close();
await server.close();

const result = {
  ...provenance(),
  items: SIZE,
  period: `${FROM}..${TO}`,
  runs: RUNS,
  dataset_build_ms: round(buildMs),
  page: {
    first_visit_to_grid_painted_ms: round(median(runs.map((r) => r.firstMs))),
    first_visit_data_bytes_gzip: median(runs.map((r) => r.firstBytes)),
    the_page_says: runs[0].said,
    summary: runs[0].items,
    data_on_device_quarter_ms: round(median(runs.map((r) => r.quarter.ms))),
    data_on_device_year_ms: round(median(runs.map((r) => r.year.ms))),
    data_on_device_bytes: Math.max(...runs.flatMap((r) => [r.quarter.bytes, r.year.bytes])),
  },
  command_line: { coverage_ms: round(median(cliMs)) },
  otherwise_downloaded: { source_bundle_bytes: sourceBytes, source_bundle_gzip: sourceGzip },
  all_runs: runs,
};
writeFileSync(`${ROOT}target/bench/coverage.json`, `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify({ ...result, all_runs: undefined }, null, 2));
