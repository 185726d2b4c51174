import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// The tests serve the build as `make serve` and the README's hosts do: one server, in src/build.
export { DIST, startServer } from '../../src/build/server.mjs';

/**
 * The `replace` of a site that publishes a bundle file and no dataset (a small site, or one
 * built without the dataset compiler): the app then reads `text` whole.
 */
export const bundleOnly = (text) => ({ '/data/bundle.json': text, '/data/manifest.json': null });

/**
 * Compiles the source bundle at `source` into the dataset in `dir`, as a host that publishes
 * new data does, with the compiler `make build` built.
 */
export function buildDataset(source, dir) {
  const compiler = fileURLToPath(new URL('../../target/release/city-comms-data', import.meta.url));
  execFileSync(compiler, ['build', source, dir], { stdio: ['ignore', 'ignore', 'inherit'] });
}
