// Turning what a reader typed into search terms, and telling which names they matched.
import { normalizeName } from "../entities/names";
import type { SearchDocument } from "./document";
import type { SearchHit } from "./engine";

export const MAX_TERMS = 8;
const MAX_TERM_LENGTH = 40;

/** Folded words of a query: accents, case and punctuation gone; at most MAX_TERMS. */
export function queryTerms(q: string): string[] {
  const words = normalizeName(q.slice(0, 500)).split(" ").filter(Boolean);
  return [...new Set(words.map((w) => w.slice(0, MAX_TERM_LENGTH)))].slice(0, MAX_TERMS);
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions), so that
 * "shytkov" is one edit from "shtykov".
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** How many edits a word of this length may be away from what was typed. */
export function allowedEdits(term: string): number {
  return term.length >= 8 ? 2 : term.length >= 4 ? 1 : 0;
}

/** The nearest candidate within the allowed edits, or null. Ties go to the earlier candidate. */
export function nearestWord(term: string, candidates: string[]): string | null {
  let best: string | null = null;
  let bestDistance = allowedEdits(term) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(term, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * The names among `names` that the query matched: every word of the name is one of the terms
 * (or starts with a term, as the search does prefix matching).
 */
export function namesMatched(names: string[], terms: string[]): string[] {
  if (terms.length === 0) return [];
  return names.filter((name) => {
    const words = normalizeName(name).split(" ").filter(Boolean);
    return words.length > 0 && words.every((word) => terms.some((t) => word === t || (t.length >= 3 && word.startsWith(t))));
  });
}

/**
 * The text with every word that folds (as queryTerms folds) to one of `words` marked
 * \u0001...\u0002, the form highlightParts reads. Words are runs of letters, digits, combining
 * marks and in-word apostrophes ("Ch'oe" folds to "choe"), as the index reads them.
 */
export function markMatches(text: string, words: string[]): string {
  if (words.length === 0) return text;
  const wanted = new Set(words);
  // Plain ASCII words fold to their lower case; only the others need the full folding.
  const fold = (word: string) => (/^[A-Za-z0-9]+$/.test(word) ? word.toLowerCase() : normalizeName(word));
  return text.replace(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'’ʼʻ‘`]*/gu, (word) => (wanted.has(fold(word)) ? `\u0001${word}\u0002` : word));
}

/** Splits text marked \u0001...\u0002 (by markMatches, or Meilisearch's highlighting) into plain/matched parts. */
export function highlightParts(marked: string): string[] {
  const parts: string[] = [];
  let rest = marked;
  while (rest.length) {
    const start = rest.indexOf("\u0001");
    if (start < 0) break;
    const end = rest.indexOf("\u0002", start);
    if (end < 0) break;
    parts.push(rest.slice(0, start), rest.slice(start + 1, end));
    rest = rest.slice(end + 1);
  }
  parts.push(rest.replace(/[\u0001\u0002]/g, ""));
  return parts;
}

/** A result as both engines return it: the document, its marked-up summary, the names matched. */
export function toSearchHit(doc: SearchDocument, markedSummary: string, terms: string[]): SearchHit {
  return {
    id: doc.id,
    title: doc.title,
    dateText: doc.dateText,
    dateEarliest: doc.dateEarliest,
    documentType: doc.documentType,
    summaryParts: highlightParts(markedSummary),
    matchedAs: [...new Set(namesMatched(doc.entities.flatMap((e) => e.variants), terms))],
  };
}
