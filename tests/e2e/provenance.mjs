// Which build a figure belongs to: the commit checked out, whether the work tree differed
// from it, and when. `make measure`, `make lighthouse` and the benchmarks write it beside
// their figures, so that a figure in the README can name the commit that reproduces it.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();

export function provenance() {
  let commit = null;
  let changed = null;
  try {
    commit = git('rev-parse', '--short', 'HEAD');
    changed = git('status', '--porcelain', '--untracked-files=no') !== '';
  } catch {
    // Not a git checkout (an unpacked archive): the date still says when.
  }
  return { commit, uncommitted_changes: changed, measured_at: new Date().toISOString() };
}
