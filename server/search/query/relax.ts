// Relaxation, shared by both engines: when no record has every part of a query (its words and
// its date), show the records that have the most of it, rarer words weighing more, and say what
// was left out; before that, a quoted phrase no record has as typed is searched as its words.
// The engine answers only "does anything match these parts?".
import { isPhrase, phraseWords, type QueryTerm } from "./parse";

export interface RelaxPart {
  /** What the reader typed for this part ("Kirghizia", "July 1957"). */
  typed: string;
  /** How much keeping it matters: rarer words weigh more; 0 matches nothing even alone. */
  weight: number;
}

/** Whether each set of parts (with the search's filters) matches at least one record. */
export type MatchesAny<P extends RelaxPart> = (sets: P[][]) => Promise<boolean[]>;

/** A word's weight from how many records hold it (inverse document frequency). */
export function wordWeight(recordsWithWord: number, records: number): number {
  return recordsWithWord <= 0 ? 0 : Math.log(1 + Math.max(records, 1) / recordsWithWord);
}

/**
 * The weight of the date typed in a query, beside its words' weights: a little under their mean.
 * The words say what the reader looks for and the date narrows it, so when leaving out either
 * finds something ("Shtykov late 1950s": Shtykov's telegrams are from 1950), the date goes.
 */
export function dateWeight(wordWeights: number[]): number {
  const known = wordWeights.filter((w) => w > 0);
  return known.length ? (0.9 * known.reduce((a, b) => a + b, 0)) / known.length : 1;
}

const total = (parts: RelaxPart[]) => parts.reduce((sum, p) => sum + p.weight, 0);

/**
 * The heaviest set of parts that matches, found greedily: parts that match nothing alone go
 * first; then one part at a time, the one whose removal keeps the most weight and matches, or,
 * when no removal matches yet, the lightest. Called once the whole query has matched nothing.
 * Returns the parts kept (empty: nothing matches any part).
 */
export async function relax<P extends RelaxPart>(parts: P[], matchesAny: MatchesAny<P>): Promise<P[]> {
  let kept = parts.filter((p) => p.weight > 0);
  if (kept.length === 0) return [];
  if (kept.length < parts.length && (await matchesAny([kept]))[0]) return kept;
  while (kept.length > 1) {
    const options = kept.map((_, i) => kept.filter((__, j) => j !== i));
    const matched = await matchesAny(options);
    let best = -1;
    for (let i = 0; i < options.length; i++) {
      if (matched[i] && (best < 0 || total(options[i]!) > total(options[best]!))) best = i;
    }
    if (best >= 0) return options[best]!;
    let lightest = 0;
    for (let i = 1; i < kept.length; i++) if (kept[i]!.weight < kept[lightest]!.weight) lightest = i;
    kept = options[lightest]!;
  }
  // What is left was checked alone above (or is the whole query, which the caller found empty).
  return [];
}

/**
 * The quoted phrases of a query that found nothing which match nothing on their own either (and
 * hold a word that is not a stop-word), with the words to search instead: read as unquoted
 * words are (parse.ts, phraseWords), stop-words left out. `termOf` gives an engine's term's
 * parsed form; `matchAlone` says for each phrase whether any record has it (with the search's
 * filters, any date). Nothing to loosen: empty lists, and no question asked.
 */
export async function phrasesToLoosen<T>(terms: T[], termOf: (term: T) => QueryTerm, matchAlone: (phrases: T[]) => Promise<boolean[]>): Promise<{ phrases: T[]; words: QueryTerm[] }> {
  const candidates = terms
    .filter((t) => isPhrase(termOf(t)))
    .map((term) => ({ term, words: phraseWords(termOf(term)).filter((w) => !w.optional) }))
    .filter((c) => c.words.length > 0);
  if (candidates.length === 0) return { phrases: [], words: [] };
  const matched = await matchAlone(candidates.map((c) => c.term));
  const unmatched = candidates.filter((_, i) => !matched[i]);
  return { phrases: unmatched.map((c) => c.term), words: unmatched.flatMap((c) => c.words) };
}
