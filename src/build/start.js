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

// The app reads the dataset's manifest as it starts; asked for now, it downloads beside the
// wasm. An address that names another source (`bundle=`) is left to the app.
if (!new URLSearchParams(location.search).has('bundle')) {
  const manifest = document.createElement('link');
  manifest.rel = 'preload';
  manifest.as = 'fetch';
  manifest.crossOrigin = 'anonymous';
  manifest.href = __CITY_COMMS_NAMES__.manifestPath;
  document.head.append(manifest);
}

const wasm = await init({ module_or_path: fetch('__CITY_COMMS_WASM__', { integrity: '__CITY_COMMS_WASM_INTEGRITY__' }) });
// How much memory the app's wasm holds, for the benchmarks (tests/bench/dataset-browser.mjs),
// which report it beside the JavaScript heap.
globalThis.cityCommsWasmBytes = () => wasm.memory.buffer.byteLength;
