// The app's start-up script. This file is a template: the build (src/build/finish.mjs) writes
// it into the build as start-<hash>.js, a file of its own for the Content Security Policy,
// with the names of Trunk's files in place of the markers.
//
// The page a visitor asked for (prerendered at build time, or the shell's intro) paints
// first, with the connection to itself; the wasm and the bundle are asked for together right
// after that first paint. A page that is not painting (a hidden tab, a frame out of view)
// waits a moment at most.
import init from '__CITY_COMMS_GLUE__';

await new Promise((resolve) => {
  setTimeout(resolve, 300);
  requestAnimationFrame(() => setTimeout(resolve, 0));
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
