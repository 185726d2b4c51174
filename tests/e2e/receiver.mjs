// The real story receiver (src/receiver) as the end-to-end tests run it: its own SQLite file
// (or, with RECEIVER_DB=postgres, its own database in a throwaway PostgreSQL server), the
// default bundle's rules, and whatever faults a test asks for. It can be stopped and started
// again on the same port and database, as a real outage would.
import { spawn, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RECEIVER = join(ROOT, 'target/debug/city-comms-receiver');

// Receivers still running when the test process ends (a test that threw) go with it.
const children = new Set();
process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));

function listen(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(RECEIVER, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    children.add(child);
    child.once('exit', () => children.delete(child));
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const found = output.match(/listening on (http:\/\/\S+)/);
      if (found) resolve({ child, url: found[1] });
    });
    child.on('exit', (code) => reject(new Error(`receiver exited with ${code}: ${output}`)));
  });
}

/**
 * Starts a receiver on a free port with a new database.
 * @param {Record<string, string | number>} options flags without their dashes, such as
 *   `{ 'fail-rate': 0.2, seed: 7 }`.
 * @param {{ db?: string }} where `db`: a database to use instead of a new one (a file, or a
 *   `postgres://` URL that other receivers share).
 */
export async function startReceiver(options = {}, where = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'city-comms-receiver-'));
  const db =
    where.db ??
    (process.env.RECEIVER_DB === 'postgres'
      ? await (await sharedPostgres()).createDatabase()
      : join(dir, 'stories.sqlite3'));
  // Every test's stories come from one address (the test server's proxy), so the per-client
  // rate limit is off unless a test asks for it; it has a test of its own.
  const flags = Object.entries({ 'rate-limit': 0, ...options }).flatMap(([key, value]) => [`--${key}`, String(value)]);
  let running;
  try {
    running = await listen(['--listen', '127.0.0.1:0', '--db', db, ...flags]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const port = new URL(running.url).port;
  const receiver = {
    get url() {
      return running?.url;
    },
    /** Stops the process (the database stays). */
    async stop() {
      if (!running) return;
      const { child } = running;
      running = null;
      child.removeAllListeners('exit');
      await new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGKILL');
      });
    },
    /** Starts it again on the same port and database. */
    async start() {
      if (running) return;
      running = await listen(['--listen', `127.0.0.1:${port}`, '--db', db, ...flags]);
    },
    /** Every stored story, read from the database by the receiver's `dump`. */
    dump() {
      return JSON.parse(execFileSync(RECEIVER, ['dump', '--db', db], { cwd: ROOT, maxBuffer: 256 << 20 }));
    },
    /** Runs `review …` (list, show, approve, reject, export) on this receiver's database; gives what it printed. */
    review(...args) {
      return execFileSync(RECEIVER, ['review', ...args.map(String), '--db', db], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
    },
    async close() {
      await receiver.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return receiver;
}

// PostgreSQL, as Debian packages it (`make tool-postgres` installs it): a throwaway cluster in
// a temporary folder, on a free loopback port, stopped when the tests are done.

/** The newest installed PostgreSQL's programs (Debian keeps each version apart). */
function postgresPrograms() {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((version) => existsSync(join(root, version, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) throw new Error('PostgreSQL is not installed: `make tool-postgres` installs it');
  return join(root, versions[0], 'bin');
}

/** A port that nothing listens on just now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a PostgreSQL server of its own, with user `city` trusted on 127.0.0.1.
 * @returns {Promise<{ url: (database: string) => string, createDatabase: (name?: string) =>
 *   Promise<string>, restart: () => void, stop: () => void }>} `createDatabase` gives the new
 *   database's URL.
 */
export async function startPostgres() {
  const bin = postgresPrograms();
  const dir = mkdtempSync(join(tmpdir(), 'city-comms-postgres-'));
  const data = join(dir, 'data');
  // PostgreSQL refuses to run as root: as root, its programs run as the `postgres` user that
  // Debian's package creates, in a folder that user owns.
  const root = process.getuid?.() === 0;
  if (root) {
    const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
    chownSync(dir, id('-u'), id('-g'));
  }
  const run = (program, args) => {
    const [command, argv] = root ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]] : [join(bin, program), args];
    return execFileSync(command, argv, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  };
  run('initdb', ['-D', data, '-U', 'city', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  let port;
  const start = () =>
    run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir}`, 'start']);
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      start();
      break;
    } catch (error) {
      // Another process took the port between the look and the start.
      if (attempt === 3) throw new Error(`PostgreSQL did not start: ${error.stderr ?? error.message}`);
    }
  }
  let running = true;
  let databases = 0;
  const cluster = {
    url: (database) => `postgres://city@127.0.0.1:${port}/${database}`,
    async createDatabase(name = `stories_${++databases}`) {
      run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'city', name]);
      return cluster.url(name);
    },
    /** Stops the server and starts it again on the same port and data (connections break). */
    restart() {
      run('pg_ctl', ['-D', data, '-w', '-m', 'fast', 'stop']);
      start();
    },
    stop() {
      if (!running) return;
      running = false;
      try {
        run('pg_ctl', ['-D', data, '-w', '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  process.on('exit', () => cluster.stop());
  return cluster;
}

let shared;
/** One server for every receiver started with RECEIVER_DB=postgres in this process. */
function sharedPostgres() {
  shared ??= startPostgres();
  return shared;
}
