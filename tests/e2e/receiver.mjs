// The real story receiver (src/receiver) as the end-to-end tests run it: its own SQLite file,
// the default bundle's rules, and whatever faults a test asks for. It can be stopped and
// started again on the same port and database, as a real outage would.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
 */
export async function startReceiver(options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'city-comms-receiver-'));
  const db = join(dir, 'stories.sqlite3');
  // Every test's stories come from one address (the test server's proxy), so the per-client
  // rate limit is off unless a test asks for it; it has a test of its own.
  const flags = Object.entries({ 'rate-limit': 0, ...options }).flatMap(([key, value]) => [`--${key}`, String(value)]);
  let running = await listen(['--listen', '127.0.0.1:0', '--db', db, ...flags]);
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
    /** Every stored story, read from the database file by the receiver's `dump`. */
    dump() {
      return JSON.parse(execFileSync(RECEIVER, ['dump', '--db', db], { cwd: ROOT, maxBuffer: 256 << 20 }));
    },
    async close() {
      await receiver.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return receiver;
}
