// Renders the app's public pages once, at build time, into pages of their own, so that a
// first visit shows the page it asked for as soon as the HTML and the style sheet arrive,
// seconds before the wasm has downloaded and started on a slow phone. `make build` runs it
// after Trunk: node src/build/prerender.mjs <build directory> --site-url <the site's address>
//
// - Each page is rendered by the app itself, in Chromium, from the dataset in the build
//   (data/), as a first visit with no stories and no choices sees it, once in
//   Thai and once in English. The page carries both; before its first paint, a script in its
//   head (before-paint.js) picks the one the app will speak, and the style sheets hide the
//   other. Ids in the English copy get a prefix, so that each id stays unique in the page.
// - It is written as <path>.html (`/news` as news.html, `/news/x` as news/x.html, `/` as
//   index.html) inside the shell's #boot element, where the shell has its static intro. The
//   app, when it starts, builds its own page out of sight and puts it in place of #boot once
//   it has the bundle, in one frame (style/layout.css and browser::document::reveal_app).
// - Its form controls are disabled (what someone did with them would be lost when the app's
//   own page takes its place), all but the search box (names::TYPED_EARLY), whose text the
//   app carries into its own (browser::document::reveal_app); before-paint.js keeps Enter
//   there from sending its form. Links work as they are, as full page loads.
// - The dataset's files the app read to render it (beyond the manifest) are listed on #boot
//   (`data-files`), so that the start-up script asks for them beside the wasm rather than
//   after it: the app reads the same files from the same dataset when it starts. So are the
//   app's modules on demand it fetched (`data-modules`, each with its integrity, which the
//   module loader's fetch checks): a theme's or the stories' page downloads its module beside
//   the main one, not after the app has started.
// - The pages are rendered at a server of the build's own, on this machine; an address the
//   app wrote whole (a share link names its page for LINE and Facebook) gets the site's
//   address instead, and a page that would still name the build's server is not written.
// - The shell itself is kept as shell.html: the answer to every other path, and what the
//   service worker serves offline (src/build/finish.mjs).
//
// The pages are as fresh as the dataset in the build: a host that builds a new one into data/
// later should run this again, or serve shell.html for every path (README).
import { createHash } from 'node:crypto';
import { access, copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { launch } from './chromium.mjs';
import { publicUrlOf } from './public-url.mjs';
import { startServer } from './server.mjs';

const NAMES = JSON.parse(await readFile(new URL('./shared-names.json', import.meta.url), 'utf8'));

const [dir, flag, siteUrl] = process.argv.slice(2);
const site = flag === '--site-url' && URL.canParse(siteUrl ?? '') ? new URL(siteUrl) : null;
if (!dir || !site || !/^https?:$/.test(site.protocol)) {
  console.error('usage: node src/build/prerender.mjs <build directory> --site-url <http(s) address of the site>');
  process.exit(2);
}

const exists = (path) => access(path).then(() => true, () => false);

// A path segment the app could have made: anything else is not written to disk.
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

// At most this many articles are rendered, the newest (PRERENDER_ARTICLES to change it): a
// city's archive of 100,000 would take hours, and an older article's address is answered by
// shell.html, the app then showing it (README, "Deploying").
const MOST_ARTICLES = Math.max(0, Number(process.env.PRERENDER_ARTICLES ?? 2000) || 0);

const ids = (list) => (Array.isArray(list) ? list.map((entry) => entry?.id).filter((id) => typeof id === 'string' && SEGMENT.test(id)) : []);

/**
 * The plan's themes and the ids of the newest articles, from the dataset: its manifest, then
 * its card files newest first, only as many as hold MOST_ARTICLES. From data/bundle.json
 * read whole for a site that publishes no dataset.
 */
async function contentOf(dir) {
  const manifestPath = join(dir, 'data/manifest.json');
  if (!(await exists(manifestPath))) {
    const bundle = JSON.parse(await readFile(join(dir, 'data/bundle.json'), 'utf8'));
    const news = [...(Array.isArray(bundle.news) ? bundle.news : [])].sort((a, b) => String(b?.published).localeCompare(String(a?.published)));
    return { themes: ids(bundle.plan?.themes), articles: ids(news).slice(0, MOST_ARTICLES), items: news.length };
  }
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  const articles = [];
  for (const part of manifest.cards) {
    if (articles.length >= MOST_ARTICLES) break;
    const file = JSON.parse(await readFile(join(dir, 'data', part.file.path), 'utf8'));
    articles.push(...ids(file.cards));
  }
  return { themes: ids(manifest.bundle?.plan?.themes), articles: articles.slice(0, MOST_ARTICLES), items: manifest.items };
}

/** The pages to render: the fixed ones, the newest articles and each theme of the plan. */
function routesOf({ themes, articles }) {
  return [
    '/',
    '/news',
    '/plan',
    '/plan/coverage',
    '/stories',
    '/stories/new',
    ...articles.map((id) => `/news/${id}`),
    ...themes.map((id) => `/plan/${id}`),
  ];
}

/** `/` is index.html; any other path is <path>.html. */
const fileFor = (route) => (route === '/' ? 'index.html' : `${route.slice(1)}.html`);

/** The app's page as it stands in the browser, ready to put inside #boot; every id and
 * every reference to one gets `prefix`. */
function capture({ prefix, typedEarly }) {
  const body = document.body.cloneNode(true);
  for (const node of body.querySelectorAll('script, noscript, #boot')) node.remove();
  for (const control of body.querySelectorAll('input, textarea, select, button')) {
    if (!control.matches(typedEarly)) control.setAttribute('disabled', '');
  }
  if (prefix) {
    const renamed = (ids) => ids.split(/\s+/).filter(Boolean).map((id) => prefix + id).join(' ');
    for (const node of body.querySelectorAll('[id]')) node.id = prefix + node.id;
    for (const name of ['for', 'aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-owns', 'list', 'form']) {
      for (const node of body.querySelectorAll(`[${name}]`)) node.setAttribute(name, renamed(node.getAttribute(name)));
    }
    for (const link of body.querySelectorAll('a[href^="#"]')) {
      if (link.getAttribute('href').length > 1) link.setAttribute('href', `#${prefix}${link.getAttribute('href').slice(1)}`);
    }
  }
  return {
    html: body.innerHTML,
    title: document.title,
    found: document.querySelector('main .not-found') === null,
  };
}

/** A module on demand of the app's wasm, by its name in the build (src/build/split.mjs). */
const MODULE = /^(split_[a-z_]+|chunk_\d+)-[0-9a-f]{16}\.wasm$/;

/** `modules` as the start-up script reads them: each name followed by its integrity, the one
 * the module loader's fetch checks, so that the browser can hand it the preloaded file. */
async function withIntegrity(modules) {
  const listed = [];
  for (const name of modules) {
    const hash = createHash('sha384').update(await readFile(join(dir, name))).digest('base64');
    listed.push(name, `sha384-${hash}`);
  }
  return listed.join(' ');
}

const escapeText = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text) => escapeText(text).replace(/"/g, '&quot;');

// Run again on a build, this takes its shell from the first run rather than from a page it wrote.
const shellPath = join(dir, 'shell.html');
if (!(await exists(shellPath))) await copyFile(join(dir, 'index.html'), shellPath);
const shell = await readFile(shellPath, 'utf8');
const BOOT = /<div\b[^>]*\bid="?boot"?[\s>][\s\S]*?<\/div>/;
if (!BOOT.test(shell) || !/<title>[^<]*<\/title>/.test(shell)) {
  console.error('prerender.mjs: the shell has no #boot element or no <title> to fill');
  process.exit(1);
}

// The folder the build is published in, as its <base href> says (Trunk's --public-url): the
// pages are rendered where the site will serve them.
const base = publicUrlOf(shell);
const content = await contentOf(dir);
const routes = routesOf(content);
const server = await startServer({ root: dir, base });
const at = (route) => `${base}${route.slice(1)}`;
const addresses = new Set(routes.map(at));
const browser = await launch();
let written = 0;
try {
  // No service worker: every page is rendered from the shell, as a first visit. One browser
  // context per language, each asking for it as a browser set to it would.
  const failures = [];
  const pageIn = async (locale) => {
    const context = await browser.newContext({ locale, serviceWorkers: 'block', viewport: { width: 360, height: 780 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => failures.push(`${locale}: ${error}`));
    // Every route gets the shell, not a page written by an earlier run.
    await page.route(
      (url) => url.origin === server.url && addresses.has(url.pathname),
      (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: shell }),
    );
    return page;
  };
  const thai = await pageIn('th-TH');
  const english = await pageIn('en-US');
  // The files of the dataset each page asks for as it renders, by their path within it, and
  // the app's modules on demand, by their name (src/build/split.mjs names them).
  const dataDir = `${server.url}${base}data/`;
  const appDir = `${server.url}${base}`;
  const read = new Map([thai, english].map((page) => [page, new Set()]));
  const modulesRead = new Map([thai, english].map((page) => [page, new Set()]));
  for (const [page, files] of read) {
    page.on('request', (request) => {
      const url = request.url().split(/[?#]/)[0];
      if (url.startsWith(dataDir) && url !== `${dataDir}manifest.json`) files.add(url.slice(dataDir.length));
      const name = url.startsWith(appDir) ? url.slice(appDir.length) : '';
      if (MODULE.test(name)) modulesRead.get(page).add(name);
    });
  }
  const render = async (page, route, prefix) => {
    read.get(page).clear();
    modulesRead.get(page).clear();
    await page.goto(`${server.url}${at(route)}`);
    // Parts out of sight on a phone are built once the page is on screen (ui/in_turn.rs,
    // `data-later`); the copy has them, for a wide screen that shows them. It has its counts
    // too, though the app shows its page before them (names::PAGE_UNSETTLED).
    await page.waitForFunction(
      (unsettled) => document.documentElement.dataset.app === 'ready' && !document.querySelector(unsettled),
      NAMES.pageUnsettled,
      { timeout: 60_000 },
    );
    return {
      ...(await page.evaluate(capture, { prefix, typedEarly: NAMES.typedEarly })),
      files: [...read.get(page)],
      modules: [...modulesRead.get(page)],
    };
  };
  // The build's server by its address as written, and as a share link carries it.
  const onTheSite = (html) =>
    html.replaceAll(server.url, site.origin).replaceAll(encodeURIComponent(server.url), encodeURIComponent(site.origin));
  const local = new URL(server.url).host;
  for (const route of routes) {
    const th = await render(thai, route, '');
    const en = await render(english, route, 'en-');
    if (!th.found || !en.found) continue;
    const copies =
      `<div class="prerendered__copy" lang="th">${onTheSite(th.html)}</div>` +
      `<div class="prerendered__copy" lang="en">${onTheSite(en.html)}</div>`;
    if (site.host !== local && [local, encodeURIComponent(local)].some((address) => copies.includes(address))) {
      throw new Error(`the page of ${route} names the build's own server (${local}) in a way not replaced by the site's address`);
    }
    const files = [...new Set([...th.files, ...en.files])].sort().join(' ');
    const modules = await withIntegrity([...new Set([...th.modules, ...en.modules])].sort());
    const boot = `id="boot" class="prerendered" data-files="${escapeAttribute(files)}" data-modules="${escapeAttribute(modules)}"`;
    const out = shell
      .replace(BOOT, () => `<div ${boot}>${copies}</div>`)
      .replace(/<title>[^<]*<\/title>/, () => `<title data-en="${escapeAttribute(en.title)}">${escapeText(th.title)}</title>`);
    const path = join(dir, fileFor(route));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, out);
    written += 1;
  }
  if (failures.length) throw new Error(`the app failed while rendering: ${failures.join('; ')}`);
} finally {
  await browser.close();
  await server.close();
}
const articles = `${content.articles.length} of ${content.items} articles, the newest`;
console.log(`prerender.mjs: ${written} of ${routes.length} pages written (${articles}), in Thai and English; shell.html answers every other path`);
