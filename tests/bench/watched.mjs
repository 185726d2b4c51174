// Runs an indexer (ours or Pagefind's) as a child process and watches it: its time, and its
// peak resident memory, sampled from Linux's /proc five times a second (elsewhere the peak
// reads 0). A process that grows past `budgetBytes` is stopped there, before the system's
// out-of-memory killer has to choose something to stop.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';

/**
 * Runs `command` with `args` to its end. Gives `{ seconds, peakBytes, code, signal, stopped }`:
 * `stopped` when it outgrew the budget and was killed for it.
 */
export async function runWatched(command, args, { budgetBytes = Infinity } = {}) {
  const begun = process.hrtime.bigint();
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  let peakBytes = 0;
  let stopped = false;
  const watch = setInterval(() => {
    const rss = residentBytes(child.pid);
    peakBytes = Math.max(peakBytes, rss);
    if (rss > budgetBytes && !stopped) {
      stopped = true;
      child.kill('SIGKILL');
    }
  }, 200);
  const [code, signal] = await once(child, 'exit');
  clearInterval(watch);
  const seconds = Number(process.hrtime.bigint() - begun) / 1e9;
  return { seconds, peakBytes, code, signal, stopped };
}

/** A process's resident memory in bytes; 0 once it has gone, or where there is no /proc. */
function residentBytes(pid) {
  try {
    const kb = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)/m)?.[1];
    return Number(kb ?? 0) * 1024;
  } catch {
    return 0;
  }
}
