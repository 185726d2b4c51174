// From a request target to a file under the root, for server.mjs. Every request line a client
// can send is checked here before any file is looked for, so that no spelling of `..` (raw,
// `%2e%2e`, behind `%2f` or `%5c`) leads outside the root and no malformed target throws.
import { stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';

/** The longest request target answered; longer ones get 414, as nginx and Apache do. */
export const MAX_TARGET = 8192;

/**
 * The decoded path of a request target (`/news/a%20b?q=1` gives `/news/a b`), or the status
 * that refuses it: 414 when too long, 400 when not a path, malformed, or not plainly inside
 * the root.
 */
export function requestPath(target) {
  if (target.length > MAX_TARGET) return { status: 414 };
  // Only the origin form (`/path?query`): browsers send nothing else to a server of their own.
  if (!target.startsWith('/')) return { status: 400 };
  const raw = target.split(/[?#]/, 1)[0];
  let path;
  try {
    // Decoded once only: `%252e` stays the three characters `%2e`, never a dot.
    path = decodeURIComponent(raw);
  } catch {
    return { status: 400 };
  }
  // Backslashes are separators to some file systems, control characters (NUL above all) to
  // none; neither has a place in a file name of the build.
  if (/[\\\x00-\x1f\x7f]/.test(path)) return { status: 400 };
  if (path.split('/').some((segment) => segment === '.' || segment === '..')) return { status: 400 };
  return { path };
}

/** The file at a decoded path under the root, if there is one there. */
async function fileAt(root, path) {
  const base = resolve(root);
  const file = join(base, path);
  // Belt and braces behind requestPath: a sibling such as `dist-old` must not pass as `dist`.
  if (!file.startsWith(base.endsWith(sep) ? base : base + sep)) return null;
  try {
    return (await stat(file)).isFile() ? file : null;
  } catch {
    return null;
  }
}

/**
 * The file that answers a path: the file itself, or the page prerendered for it (index.html
 * for `/`), or the shell (index.html in a build that was not prerendered, such as Trunk's
 * development one).
 */
export async function fileFor(root, path) {
  const page = path.replace(/\/+$/, '');
  return (
    (await fileAt(root, path)) ??
    (await fileAt(root, page ? `${page}.html` : '/index.html')) ??
    (await fileAt(root, '/shell.html')) ??
    join(root, 'index.html')
  );
}
