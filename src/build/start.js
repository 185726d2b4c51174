// The app's start-up script. This file is a template: the build (src/build/finish.mjs) writes
// it into the build as start-<hash>.js, a file of its own for the Content Security Policy,
// with the names of Trunk's files in place of the markers.
//
// The page a visitor asked for (prerendered at build time, or the shell's intro) paints
// first, with the connection to itself; the wasm and the bundle are asked for together once
// the browser says that paint is on screen (Paint Timing's first-contentful-paint, which
// counts a frame presented, not one merely drawn). Waiting for a frame to be asked for is not
// enough: a browser may hold its first frame back for a second (Chromium in Lighthouse
// does), and the app's page would then take the prerendered one's place before anything
// was shown, making the largest paint wait for the wasm. A page that will not paint soon
// (a hidden tab, a frame out of view) does not wait: hidden, it starts at once; otherwise
// after a few seconds at most.
import init from '__CITY_COMMS_GLUE__';

// The names and words the app shares with this script (src/domain/names.rs), written in by
// the build.
const names = __CITY_COMMS_NAMES__;

const FIRST_PAINT_WAIT_MS = 3000;

await new Promise((resolve) => {
  const painted = () => performance.getEntriesByName('first-contentful-paint').length > 0;
  if (painted() || document.visibilityState === 'hidden') {
    resolve();
    return;
  }
  setTimeout(resolve, FIRST_PAINT_WAIT_MS);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && resolve());
  if (PerformanceObserver.supportedEntryTypes?.includes('paint')) {
    new PerformanceObserver((entries, observer) => {
      if (entries.getEntriesByName('first-contentful-paint').length > 0) {
        observer.disconnect();
        resolve();
      }
    }).observe({ type: 'paint', buffered: true });
  } else {
    // Without Paint Timing, the frame after the first one asked for.
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)));
  }
});

/** Asks for `href` now, as the app's `fetch` will ask for it, so that it is given this answer. */
function preload(href, integrity = '') {
  const link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'fetch';
  link.crossOrigin = 'anonymous';
  link.integrity = integrity;
  link.href = href;
  document.head.append(link);
}

const listed = (name) => document.getElementById('boot')?.dataset[name]?.split(' ').filter(Boolean) ?? [];

// The app reads the dataset's manifest as it starts, and then the files the page it shows
// needs (listed on the prerendered page by src/build/prerender.mjs, which saw the app read
// them): asked for now, they download beside the wasm. An address that names another source
// (`bundle=`) is left to the app.
if (!new URLSearchParams(location.search).has('bundle')) {
  const dataDir = names.manifestPath.replace(/[^/]*$/, '');
  for (const href of [names.manifestPath, ...listed('files').map((file) => dataDir + file)]) preload(href);
}

// The app's modules on demand that the page needs (a theme's, the stories'), each followed by
// the integrity the module loader's fetch checks: asked for now, they download beside the
// main module, and the loader's fetch is given them when the app opens the page.
const modules = listed('modules');
for (let at = 0; at + 1 < modules.length; at += 2) preload(modules[at], modules[at + 1]);

/**
 * The app's wasm, compiled while it downloads, and run only if it is the build's own.
 *
 * `fetch` with `integrity=` would hold the whole file until its hash is checked, and the
 * browser would then compile it in one piece on the main thread (70 ms on this machine, four
 * times that on a slow phone, in one task). Here the file streams into the compiler, a copy
 * is hashed beside it (WebCrypto, off the main thread), and the module is handed to the app
 * only once the hash matches the one this script carries (the script itself is checked by
 * the page's `integrity=`). Without WebCrypto (a page not served over HTTPS) the browser
 * checks it as before.
 */
async function appModule(url, integrity) {
  const [algorithm, expected] = integrity.split('-', 2);
  const hash = { sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' }[algorithm];
  if (!globalThis.crypto?.subtle || !WebAssembly.compileStreaming || !hash) return fetch(url, { integrity });
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  const bytes = response.clone().arrayBuffer();
  // A host that sends the wasm with another type than application/wasm cannot stream it:
  // then it is compiled from the copy once that has arrived.
  const compiled = WebAssembly.compileStreaming(response).catch(async () => WebAssembly.compile(await bytes));
  // Handled below whichever way it ends; marked so that a refused file reports one error.
  compiled.catch(() => {});
  const digest = new Uint8Array(await crypto.subtle.digest(hash, await bytes));
  if (btoa(String.fromCharCode(...digest)) !== expected) {
    throw new Error(`${url}: not the file this build names (its ${algorithm} differs)`);
  }
  return compiled;
}

/** Says, above the page as it came, in Thai and English, that the app could not start. */
function sayStartFailed() {
  const notice = document.createElement('div');
  notice.className = 'notice notice--error start-failed';
  notice.setAttribute('role', 'alert');
  for (const { lang, title, help } of names.crashNotice) {
    const line = document.createElement('p');
    line.lang = lang;
    const heading = document.createElement('strong');
    heading.textContent = title;
    line.append(heading, ' ', help);
    notice.append(line);
  }
  document.body.prepend(notice);
}

/**
 * Replaces the page with the crash notice, in Thai and English, with a link that opens the
 * same address again: what a citizen sees when the app stops on a bug, instead of a page that
 * no longer answers. Built with DOM calls and text only.
 */
function sayCrashed() {
  if (document.querySelector('.crash')) return;
  const notice = document.createElement('section');
  notice.className = 'crash';
  notice.setAttribute('role', 'alert');
  for (const { lang, title, help, reload } of names.crashNotice) {
    const part = document.createElement('div');
    part.lang = lang;
    const heading = document.createElement('h1');
    heading.textContent = title;
    const line = document.createElement('p');
    line.textContent = help;
    const again = document.createElement('a');
    again.className = 'button';
    again.href = location.href.split('#')[0];
    again.textContent = reload;
    // A reload of the document, whatever the address: the app's own handling of links, which
    // may still be listening on the window, must not take the click.
    again.addEventListener('click', (event) => {
      event.preventDefault();
      event.stopPropagation();
      location.reload();
    });
    part.append(heading, line, again);
    notice.append(part);
  }
  document.body.replaceChildren(notice);
}

// A panic stops the release build's wasm where it is, without unwinding or a hook
// (`-Cpanic=immediate-abort`, the Makefile): the browser throws a WebAssembly.RuntimeError to
// whatever had called into the app (an event, a timer, a promise's callback), and it arrives
// here as an uncaught error or an unhandled rejection. Nothing else throws that error. (A
// browser without WebAssembly gets the start-failed notice below instead.)
const trapped = (error) => typeof WebAssembly === 'object' && error instanceof WebAssembly.RuntimeError;
addEventListener('error', (event) => trapped(event.error) && sayCrashed());
addEventListener('unhandledrejection', (event) => trapped(event.reason) && sayCrashed());

let wasm;
try {
  wasm = await init({ module_or_path: await appModule('__CITY_COMMS_WASM__', '__CITY_COMMS_WASM_INTEGRITY__') });
} catch (failed) {
  if (trapped(failed)) sayCrashed();
  else sayStartFailed();
  throw failed;
}
// How much memory the app's wasm holds, for the benchmarks (tests/bench/dataset-browser.mjs),
// which report it beside the JavaScript heap.
globalThis.cityCommsWasmBytes = () => wasm.memory.buffer.byteLength;
