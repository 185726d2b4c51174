// Finishes a build directory, after Trunk (Trunk.toml runs it as a post_build hook on the
// staging directory; `node src/build/finish.mjs <dir>` runs it on any build):
//
// 1. Joins Trunk's style sheets (one per source file) into one file, loaded with subresource
//    integrity: each sheet is a request that holds up the first paint on a slow connection.
// 2. Replaces Trunk's inline start-up script with ours (start.js), in a file of its own,
//    loaded with subresource integrity, so that the app runs under a Content Security Policy
//    without 'unsafe-inline', and starts the wasm after the page's first paint.
// 3. Puts before-paint.js, in a file of its own, in the page's head (see that file).
// 4. Minifies the workers' scripts, which keep their names.
// 5. Writes sw.js: the service worker template (service-worker.js, beside this file) with the
//    list of the app shell's files and a version made from their contents.
import { createHash } from 'node:crypto';
import { access, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minified, withoutComments } from './minify.mjs';
import { publicUrlOf } from './public-url.mjs';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('usage: node src/build/finish.mjs <build directory>');
  process.exit(2);
}

const digest = (algorithm, data, encoding) => createHash(algorithm).update(data).digest(encoding);

// The names the app and our scripts share, generated from src/domain/names.rs by a host test
// (which fails while this file is stale): our scripts get them here, never by hand.
const sharedNames = JSON.stringify(
  JSON.parse(await readFile(fileURLToPath(new URL('./shared-names.json', import.meta.url)), 'utf8')),
);

// Our script templates (beside this file), without their whole-line comments (they are for
// the people who read the source, not for the phones that download the build), with the
// shared names written in.
const scriptFrom = async (file) =>
  (await readFile(fileURLToPath(new URL(file, import.meta.url)), 'utf8'))
    .replace(/^[ \t]*\/\/.*\n/gm, '')
    .replace('__CITY_COMMS_NAMES__', sharedNames);

/** Stops the build if a template still has a marker that nothing filled in. */
function filled(name, text) {
  const left = text.match(/__CITY_COMMS_[A-Z_]+__/);
  if (left) {
    console.error(`finish.mjs: ${name} still has ${left[0]}`);
    process.exit(1);
  }
  return text;
}

/** Writes `text` (a script or a style sheet, minified) into the build as
 * <stem>-<hash>.<extension>; gives its name and SRI hash. */
async function writeNamedByContent(stem, extension, text) {
  const body = minified(text, extension);
  const name = `${stem}-${digest('sha256', body, 'hex').slice(0, 16)}.${extension}`;
  await writeFile(join(dir, name), body);
  return { name, integrity: `sha384-${digest('sha384', body, 'base64')}` };
}

const indexPath = join(dir, 'index.html');
let index = withoutComments(await readFile(indexPath, 'utf8'));
// Where Trunk's files are, as its <base href> says (the public URL): the files written here
// go beside them.
const publicUrl = publicUrlOf(index);

// 1. One style sheet, in the order the page had them.
const sheets = [...index.matchAll(/<link\b[^>]*\brel=["']?stylesheet["']?[^>]*>/g)].map((link) => ({
  tag: link[0],
  href: link[0].match(/\bhref=["']?([^"' >]+)/)?.[1],
}));
if (sheets.length > 1 && sheets.every((sheet) => sheet.href)) {
  const files = sheets.map((sheet) => sheet.href.slice(sheet.href.lastIndexOf('/') + 1));
  const css = (await Promise.all(files.map((file) => readFile(join(dir, file), 'utf8')))).join('\n');
  const { name, integrity } = await writeNamedByContent('app', 'css', css);
  await Promise.all(files.map((file) => rm(join(dir, file))));
  index = index.replace(sheets[0].tag, `<link rel=stylesheet href="${publicUrl}${name}" integrity="${integrity}">`);
  for (const sheet of sheets.slice(1)) index = index.replace(sheet.tag, '');
}

// 2. The start-up script (start.js, beside this file), in a file of its own. It starts the
// wasm after the page’s first paint, checked against its integrity, so Trunk’s preload of the
// wasm goes.
const inline = index.match(/<script type=["']?module["']?>([\s\S]*?)<\/script>/);
if (inline) {
  const glue = inline[1].match(/from ['"]([^'"]+\.js)['"]/)?.[1];
  const wasm = inline[1].match(/module_or_path: ['"]([^'"]+\.wasm)['"]/)?.[1];
  const preload = index.match(/<link\b[^>]*\.wasm\b[^>]*>/);
  const wasmIntegrity = preload?.[0].match(/\bintegrity=["']?([^"' >]+)/)?.[1];
  if (!glue || !wasm || !wasmIntegrity) {
    console.error("finish.mjs: Trunk's start-up script or wasm preload is not as expected");
    process.exit(1);
  }
  const body = filled(
    'start.js',
    (await scriptFrom('./start.js'))
      .replace('__CITY_COMMS_GLUE__', glue)
      .replace('__CITY_COMMS_WASM__', wasm)
      .replace('__CITY_COMMS_WASM_INTEGRITY__', wasmIntegrity),
  );
  const { name, integrity } = await writeNamedByContent('start', 'js', body);
  index = index.replace(inline[0], `<script type=module src="${publicUrl}${name}" integrity="${integrity}" crossorigin></script>`);
  index = index.replace(preload[0], '');
}
// 3. The script that picks the prerendered page's language and marks the setting before the
// first paint (before-paint.js, beside this file), right after the title, whose English text
// it reads. A blocking script, and so a small one, fetched beside the style sheet.
if (!index.includes('before-paint-')) {
  if (!/<\/title>/.test(index)) {
    console.error('finish.mjs: index.html has no <title> to put the before-paint script after');
    process.exit(1);
  }
  const { name, integrity } = await writeNamedByContent('before-paint', 'js', filled('before-paint.js', await scriptFrom('./before-paint.js')));
  index = index.replace(/<\/title>/, (end) => `${end}\n    <script src="${publicUrl}${name}" integrity="${integrity}"></script>`);
}
await writeFile(indexPath, index);
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(index)) {
  console.error('finish.mjs: index.html still has an inline script; the Content Security Policy would block it');
  process.exit(1);
}

// 4. The workers' scripts, as they are named (sw.js loads the outbox worker's by its name,
// the app the photo worker's), minified as Trunk left them. Only on the build Trunk staged
// (it still had Trunk's start-up script): on a finished build they are minified already,
// and minifying again would change their bytes, and so the app's version, for nothing.
for (const script of inline ? ['outbox-worker.js', 'photo-worker.js'] : []) {
  const path = join(dir, script);
  const text = await readFile(path, 'utf8').catch(() => null);
  if (text === null) {
    console.error(`finish.mjs: the build has no ${script}`);
    process.exit(1);
  }
  await writeFile(path, minified(text));
}

// 5. The service worker. The shell is everything but the worker itself, the data (the bundle
// is refreshed on its own terms), photos (cached as they are seen), the schema, the feeds,
// the sitemap, robots.txt and the open data (for people, robots and their readers, not the
// app) and the prerendered pages (src/build/prerender.mjs): offline, every path is
// answered by the page with no page in it, shell.html, or index.html in a build that was not
// prerendered.
const shellPage = (await access(join(dir, 'shell.html')).then(() => true, () => false)) ? 'shell.html' : 'index.html';
// The outbox's delivery step for the worker (outbox-worker_bg.wasm) is left out too: it is only
// needed when a sync fires, which is when the device is online, so the worker fetches it then
// instead of every first visit downloading it.
const SKIP = [
  /^sw\.js$/,
  /^data\//,
  /^images\//,
  /^bundle\.schema\.json$/,
  /^outbox-worker_bg\.wasm$/,
  /^feeds\//,
  /^open-data\//,
  /^sitemaps?[./]/,
  /^robots\.txt$/,
  // The precompressed copies a host sends in place of a file (city-comms-data precompress).
  /\.gz$/,
];
const cached = (path) => !SKIP.some((skip) => skip.test(path)) && (!path.endsWith('.html') || path === shellPage);

async function files(root, at = root) {
  const found = [];
  for (const entry of await readdir(at, { withFileTypes: true })) {
    const path = join(at, entry.name);
    if (entry.isDirectory()) found.push(...(await files(root, path)));
    else found.push(relative(root, path).split(sep).join('/'));
  }
  return found;
}

const shell = (await files(dir)).filter(cached).sort();
const hash = createHash('sha256');
for (const path of shell) {
  hash.update(path);
  hash.update(await readFile(join(dir, path)));
}
const version = hash.digest('hex').slice(0, 16);
const template = (await readFile(fileURLToPath(new URL('./service-worker.js', import.meta.url)), 'utf8')).replace(
  '__CITY_COMMS_NAMES__',
  sharedNames,
);
const worker = filled(
  'sw.js',
  template
    .replace("'__CITY_COMMS_VERSION__'", JSON.stringify(version))
    .replace('__CITY_COMMS_PRECACHE__', JSON.stringify(shell))
    .replace("'__CITY_COMMS_SHELL_PAGE__'", JSON.stringify(shellPage)),
);
await writeFile(join(dir, 'sw.js'), minified(worker));
console.log(`finish.mjs: ${sheets.length} style sheets joined; start-up script external; sw.js version ${version}, ${shell.length} files precached, ${shellPage} for every route`);
