// Minifies what a release build ships as text: the app's wasm-bindgen glue and the
// wasm-split loader (split.mjs), start.js, before-paint.js, the workers' scripts, the service
// worker and the joined style sheet (finish.mjs). Trunk's minification is off (Trunk.toml):
// its script minifier orders names anew each build, so that no two builds were the same.
//
// esbuild (npm): the minifier most JavaScript builds use, one binary with no dependencies,
// the same output for the same input, and a few milliseconds for all of these.
import { transformSync } from 'esbuild';

/** Whether this build is for release (Trunk says which; a build run by hand is). */
export const RELEASE = (process.env.TRUNK_PROFILE ?? 'release') === 'release';

/**
 * `code` (JavaScript, or CSS with `loader` 'css') minified in a release build, as it is
 * otherwise. Imports, exports and a script's top-level names stay as they are: another file
 * may use them.
 */
export function minified(code, loader = 'js') {
  return RELEASE ? transformSync(code, { loader, minify: true, legalComments: 'none', charset: 'utf8' }).code : code;
}

/** An HTML page without its comments in a release build (what Trunk's minifier did), but for
 * the empty ones, which are the app's own markers in a prerendered page. */
export function withoutComments(html) {
  return RELEASE ? html.replace(/<!--(?!-->)[\s\S]*?-->/g, '') : html;
}
