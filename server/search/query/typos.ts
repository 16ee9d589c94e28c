// Typo tolerance that finds every indexed word within the allowed distance, without scanning the
// lexicon: a deletion neighbourhood (the SymSpell method). Two words within k edits share a
// string reachable from each by deleting at most k letters, so the index keeps each word's
// deletions and a query looks up its own. Deletions are taken from the first PREFIX letters only
// (as SymSpell does: the set stays small, correctness holds, later letters are checked by the
// true distance). Keys are 32-bit hashes: a collision only adds a candidate that the distance
// check then drops.
import { allowedTypos, correctable } from "./parse";

/** Deletions are taken from this many leading letters. */
export const PREFIX = 7;

/** Every string made by deleting at most `k` letters from the first PREFIX letters of `word`. */
export function deletions(word: string, k: number): Set<string> {
  const start = [...word].slice(0, PREFIX).join("");
  const found = new Set<string>([start]);
  let frontier = [start];
  for (let step = 0; step < k; step++) {
    const next: string[] = [];
    for (const w of frontier) {
      const letters = [...w];
      for (let i = 0; i < letters.length; i++) {
        const d = [...letters.slice(0, i), ...letters.slice(i + 1)].join("");
        if (d && !found.has(d)) {
          found.add(d);
          next.push(d);
        }
      }
    }
    frontier = next;
  }
  return found;
}

/**
 * What the index keeps for an indexed word: its deletions up to the most typos any query word
 * that could reach it is allowed. A query of n letters may have k(n) typos (1 from 4 letters, 2
 * from 9), so a word of 7+ letters can be met by a 2-typo query (9 letters, 2 too many), one of
 * 4-6 letters by 1-typo queries only, and one of 3 letters only by a query with one letter too
 * many (the query's deletion reaches the word itself). With prefixes, both sides need up to k
 * deletions (the index's and the query's prefixes may cut different letters off).
 */
export function indexDeletionKeys(word: string): number[] {
  const length = [...word].length;
  // Only words a query may correct (letters only: parse.ts); a number is never looked up.
  if (length < 3 || !correctable(word)) return [];
  return [...deletions(word, length >= 7 ? 2 : length >= 4 ? 1 : 0)].map(hashKey);
}

/** The keys a query word looks up (none when the word is too short to be corrected). */
export function queryDeletionKeys(term: string): number[] {
  const k = allowedTypos(term);
  return k === 0 ? [] : [...deletions(term, k)].map(hashKey);
}

/** FNV-1a over UTF-16 code units, as a signed 32-bit integer (a PostgreSQL int4). */
export function hashKey(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions, each one edit:
 * "shytkov" is one edit from "shtykov"), over code points. Stops early past `max`.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[t.length]!;
}

/** The candidates within the typos `term` allows, nearest first (ties in the given order). */
export function withinTypos(term: string, candidates: string[]): { word: string; distance: number }[] {
  const k = allowedTypos(term);
  return candidates
    .filter((w) => w !== term)
    .map((word) => ({ word, distance: editDistance(term, word, k) }))
    .filter((c) => c.distance <= k)
    .sort((a, b) => a.distance - b.distance);
}
