// The tests serve the build as `make serve` and the README's hosts do: one server, in src/build.
export { DIST, startServer } from '../../src/build/server.mjs';
