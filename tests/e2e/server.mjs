import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// The tests serve the build as `make serve` and the README's hosts do: one server, in src/build.
export { DIST, startServer } from '../../src/build/server.mjs';

/**
 * The `replace` of a site that publishes a bundle file and no dataset (a small site, or one
 * built without the dataset compiler): the app then reads `text` whole.
 */
export const bundleOnly = (text) => ({ '/data/bundle.json': text, '/data/manifest.json': null });

/** The dataset tool `make build` built. */
export const COMPILER = fileURLToPath(new URL('../../target/release/city-comms-data', import.meta.url));

/**
 * Compiles the source bundle at `source` into the dataset in `dir`, as a host that publishes
 * new data does, with the compiler `make build` built.
 */
export function buildDataset(source, dir) {
  execFileSync(COMPILER, ['build', source, dir], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** `city-comms-data check dir`, as a web team runs it before publishing: exit code and output. */
export function checkDataset(dir) {
  const run = spawnSync(COMPILER, ['check', dir], { encoding: 'utf8' });
  return { code: run.status, out: run.stdout, err: run.stderr };
}
