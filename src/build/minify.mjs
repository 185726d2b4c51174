// Minifies the scripts the build writes itself, or writes again after Trunk: the app's
// wasm-bindgen glue and the wasm-split loader (split.mjs), start.js, before-paint.js and the
// service worker (finish.mjs). Trunk minifies what it writes (Trunk.toml, `minify`), but the
// glue is bound again after the cut, and the rest is ours.
//
// esbuild (npm): the minifier most JavaScript builds use, one binary with no dependencies,
// the same output for the same input, and a few milliseconds for all of these.
import { transformSync } from 'esbuild';

/** Whether this build is for release (Trunk says which; a build run by hand is). */
export const RELEASE = (process.env.TRUNK_PROFILE ?? 'release') === 'release';

/**
 * `code` minified in a release build, as it is otherwise. Imports, exports and a script's
 * top-level names stay as they are: another file may use them.
 */
export function minified(code) {
  return RELEASE ? transformSync(code, { minify: true, legalComments: 'none', charset: 'utf8' }).code : code;
}
