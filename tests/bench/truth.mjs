// The ground truth of a search, made apart from the app's own normalisation (src/domain/
// search.rs) so that it can catch a mistake there: an item holds a query when its searched
// text (generate.mjs `searchedText`), folded here, holds every term. Used by the dataset
// benchmark's recall and by the end-to-end check at scale (tests/e2e/scale.test.mjs).
import { searchedText } from './generate.mjs';

/** Compatibility forms, case, invisible marks, Thai digits and runs of space, folded. */
export const fold = (s) => s.normalize('NFKC').toLowerCase().replace(/[\u200b-\u200f\ufeff]/g, '')
  .replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50)).replace(/\s+/g, ' ').trim();

/** A query's terms: each word, and each quoted phrase whole. */
export const terms = (q) => {
  const out = [];
  q.split('"').forEach((part, i) => {
    if (i % 2) { if (fold(part)) out.push(fold(part)); } else out.push(...fold(part).split(' ').filter(Boolean));
  });
  return out;
};

/** The folded text a search reads of `item`, its fields apart so that no term spans two. */
export function searchedHay(item) {
  const { titles, rest } = searchedText(item);
  return [...titles, ...rest].map(fold).join('\u0000');
}

/** The folded titles of `item`, apart: what ranks a search's title matches first. */
export function titleHay(item) {
  return searchedText(item).titles.map(fold).join('\u0000');
}

/** Whether `hay` ([`searchedHay`]) holds every term of `wanted` ([`terms`]). */
export const holds = (hay, wanted) => wanted.every((t) => hay.includes(t));
