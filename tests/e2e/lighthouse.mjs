// Runs Lighthouse 12 on the release build in dist/, served as the README tells hosts to serve
// it (gzip, the app's routes, and the README's Content Security Policy), with Lighthouse's
// default mobile settings and simulated throttling, in a fresh Chromium for each route.
// Each route is measured RUNS times (LIGHTHOUSE_RUNS, 5 unless set), as Lighthouse's own
// guidance on variability advises, and the run with the median performance score is the one
// reported, with the lowest and highest scores beside it.
// Writes each route's median report to target/lighthouse/<name>.json and a summary to
// target/lighthouse/summary.json, and prints a table and every audit that falls short.
// Scores are reported, never asserted: the machine may be busy, so timings are noisy.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { provenance } from './provenance.mjs';
import { startServer } from './server.mjs';

const OUT = fileURLToPath(new URL('../../target/lighthouse/', import.meta.url));
const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';
// Chromium run as root (as here) starts only without its sandbox. chrome-launcher adds the
// flags that keep Chromium from calling home.
const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu'];
const RUNS = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 5) || 5);
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const ALL_ROUTES = { home: '/', news: '/news', 'stories-new': '/stories/new', plan: '/plan', coverage: '/plan/coverage' };
// LIGHTHOUSE_ROUTES=news,plan measures only those (the names above); every route unless set.
const ROUTES = Object.fromEntries(
  Object.entries(ALL_ROUTES).filter(([name]) => !process.env.LIGHTHOUSE_ROUTES || process.env.LIGHTHOUSE_ROUTES.split(',').includes(name)),
);
// An audit is listed when its score is below this, by category.
const PASS = { performance: 0.9, accessibility: 1, 'best-practices': 1 };

// The policy is taken from the README, so that what is measured is what hosts are told to send.
async function readmePolicy() {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const line = readme.match(/^\s*Content-Security-Policy:\s*(.+)$/m);
  if (!line) throw new Error('README.md has no Content-Security-Policy line');
  return line[1].trim();
}

// Each route gets a Chromium of its own, with an empty profile: every run is a first visit.
async function audit(url) {
  const chrome = await launch({ chromePath: CHROME_PATH, chromeFlags: CHROME_FLAGS });
  try {
    return await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES });
  } finally {
    chrome.kill();
  }
}

// The audits of a category scored below its pass mark (audits that are not scored have no score).
function shortfalls(lhr, category) {
  return lhr.categories[category].auditRefs
    .map((ref) => lhr.audits[ref.id])
    .filter((found) => found.score !== null && found.score < PASS[category])
    .map(({ id, title, score, displayValue }) => ({ id, title, score, displayValue }));
}

// The element Lighthouse took for the largest paint, and whether it belongs to the page as it
// came (prerendered at build time, inside #boot) rather than to the app's own copy put in its
// place. Lighthouse gives each node's path from its root: the app removes #boot when it shows
// its page, so a prerendered node's path starts at a detached root, or at #boot, the body's
// first child, when the app never took over.
function lcpElement(lhr) {
  const node = lhr.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node;
  if (!node) return null;
  const path = node.path ?? '';
  const prerendered = !path.startsWith('1,HTML,') || path.startsWith('1,HTML,1,BODY,0,DIV');
  return { selector: node.selector, label: node.nodeLabel, prerendered };
}

function summarize(name, path, lhr, all) {
  const value = (id) => lhr.audits[id].numericValue;
  const performanceScores = all.map((run) => run.categories.performance.score ?? 0);
  return {
    name,
    path,
    runs: performanceScores.length,
    performance_all_runs: performanceScores,
    every_run: all.map((run) => ({
      performance: run.categories.performance.score,
      lcp_ms: Math.round(run.audits['largest-contentful-paint'].numericValue),
      lcp_element: lcpElement(run),
      tbt_ms: Math.round(run.audits['total-blocking-time'].numericValue),
      cls: run.audits['cumulative-layout-shift'].numericValue,
    })),
    runtime_error: lhr.runtimeError?.message,
    warnings: lhr.runWarnings,
    scores: Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c].score])),
    metrics: {
      fcp_ms: value('first-contentful-paint'),
      lcp_ms: value('largest-contentful-paint'),
      tbt_ms: value('total-blocking-time'),
      cls: value('cumulative-layout-shift'),
    },
    below_pass: Object.fromEntries(Object.keys(PASS).map((c) => [c, shortfalls(lhr, c)])),
  };
}

function printTable(routes) {
  const score = (s) => (s === null ? '–' : Math.round(s * 100));
  const ms = (v) => (v === undefined ? '–' : `${Math.round(v)} ms`);
  console.log(`| route | performance (median of ${RUNS}) | lowest–highest | accessibility | best practices | SEO | FCP | LCP | TBT | CLS | LCP element from the first paint |`);
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const { path, scores, metrics, performance_all_runs: all, every_run: runs } of routes) {
    const range = `${score(Math.min(...all))}–${score(Math.max(...all))}`;
    const unnamed = runs.filter((run) => !run.lcp_element).length;
    // Lighthouse 12.8 with Chromium 156 often names no element; prerender.test.mjs checks
    // in every run of the tests that no largest paint comes after the app takes over.
    const prerendered = unnamed === runs.length
      ? `not named by Lighthouse (${unnamed} runs)`
      : `${runs.filter((run) => run.lcp_element?.prerendered).length} of ${runs.length} runs${unnamed ? ` (${unnamed} named no element)` : ''}`;
    const cells = [path, score(scores.performance), range, ...CATEGORIES.slice(1).map((c) => score(scores[c])), ms(metrics.fcp_ms), ms(metrics.lcp_ms), ms(metrics.tbt_ms), metrics.cls?.toFixed(3) ?? '–', prerendered];
    console.log(`| ${cells.join(' | ')} |`);
  }
}

function printShortfalls(routes) {
  for (const { path, runtime_error, warnings, below_pass } of routes) {
    console.log(`\n${path}`);
    if (runtime_error) console.log(`  runtime error: ${runtime_error}`);
    for (const warning of warnings) console.log(`  warning: ${warning}`);
    for (const [category, audits] of Object.entries(below_pass)) {
      for (const { id, title, score, displayValue } of audits) {
        console.log(`  ${category}: ${id} (${score}) ${title}${displayValue ? ` — ${displayValue}` : ''}`);
      }
    }
  }
}

const server = await startServer({ headers: { 'content-security-policy': await readmePolicy() } });
try {
  await mkdir(OUT, { recursive: true });
  const measured = provenance();
  const routes = [];
  let lhr;
  for (const [name, path] of Object.entries(ROUTES)) {
    const results = [];
    for (let run = 0; run < RUNS; run += 1) results.push(await audit(`${server.url}${path}`));
    const performance = (result) => result.lhr.categories.performance.score ?? 0;
    const median = [...results].sort((a, b) => performance(a) - performance(b))[Math.floor((RUNS - 1) / 2)];
    await writeFile(`${OUT}${name}.json`, median.report);
    routes.push(summarize(name, path, median.lhr, results.map((result) => result.lhr)));
    lhr = median.lhr;
  }
  // Lighthouse's measure of this machine's CPU: its simulation slows what it observed by a
  // fixed 4×, so a faster machine scores higher with the same build.
  const benchmarkIndex = Math.round(lhr.environment.benchmarkIndex);
  const summary = { ...measured, lighthouse: lhr.lighthouseVersion, chrome: lhr.environment.hostUserAgent, benchmark_index: benchmarkIndex, routes };
  await writeFile(`${OUT}summary.json`, `${JSON.stringify(summary, null, 2)}\n`);
  printTable(routes);
  printShortfalls(routes);
  const at = `${measured.commit}${measured.uncommitted_changes ? ' with uncommitted changes' : ''}, ${measured.measured_at.slice(0, 10)}`;
  console.log(`\n(Lighthouse default mobile settings, simulated throttling, ${RUNS} runs a route, at ${at}, on a machine of benchmark index ${benchmarkIndex}; median reports in target/lighthouse/)`);
} finally {
  await server.close();
}
