// Writes sw.js into a build: the service worker template (service-worker.js, beside this
// file) with the list of the app shell's files and a version made from their contents.
// Trunk runs it after every build (Trunk.toml, post_build hook, on the staging directory);
// `node src/sw/precache.mjs <dir>` runs it on any build directory.
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('usage: node src/sw/precache.mjs <build directory>');
  process.exit(2);
}

// The shell: everything but the worker itself, the data (the bundle is refreshed on its own
// terms), photos (cached as they are seen) and the schema (for people, not the app).
const SKIP = [/^sw\.js$/, /^data\//, /^images\//, /^bundle\.schema\.json$/];

async function files(root, at = root) {
  const found = [];
  for (const entry of await readdir(at, { withFileTypes: true })) {
    const path = join(at, entry.name);
    if (entry.isDirectory()) found.push(...(await files(root, path)));
    else found.push(relative(root, path).split(sep).join('/'));
  }
  return found;
}

const shell = (await files(dir)).filter((path) => !SKIP.some((skip) => skip.test(path))).sort();
const hash = createHash('sha256');
for (const path of shell) {
  hash.update(path);
  hash.update(await readFile(join(dir, path)));
}
const version = hash.digest('hex').slice(0, 16);
const template = await readFile(fileURLToPath(new URL('./service-worker.js', import.meta.url)), 'utf8');
const worker = template
  .replace("'__CITY_COMMS_VERSION__'", JSON.stringify(version))
  .replace('__CITY_COMMS_PRECACHE__', JSON.stringify(shell));
await writeFile(join(dir, 'sw.js'), worker);
console.log(`sw.js: version ${version}, ${shell.length} files precached`);
