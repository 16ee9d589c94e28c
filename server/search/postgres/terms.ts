// From the parsed query's terms to tsquery operands: each term with every form it may match in
// the index (hyphenated words apart, completions of the word being typed, the nearest indexed
// words for a typo). Terms hold only letters and digits (the tokenizer's words), so they are
// safe tsquery operands.
import type { Db } from "../../db";
import type { QueryTerm } from "../query/parse";
import { lookUpWords, unknownWord } from "./lexicon";

/** A typo is read as at most this many indexed words (the nearest, ties kept). */
const MAX_CORRECTIONS = 5;

export interface ResolvedTerm {
  term: QueryTerm;
  /** The term as a tsquery operand: its forms ORed. */
  tsquery: string;
  /** Words of the index it may match (for highlighting and "matched as"). */
  words: string[];
  /** Nearest indexed words used instead of a word the index does not hold (nearest first). */
  corrections: string[];
  /** Some form of it is in the index (false: it matches nothing, whatever the other words). */
  known: boolean;
}

/**
 * Resolves every term against the lexicon: one statement, plus one per word the index does not
 * hold. Words may be written apart or together, as Meilisearch reads them both ways: two typed
 * words whose join the index holds ("Il Sung", "Pyong Yang") match it too, and a typed word the
 * index does not hold may be two indexed words written apart ("Ilsung", "DeGaulle").
 */
export async function resolveTerms(db: Db, terms: QueryTerm[], { correct }: { correct: boolean }): Promise<ResolvedTerm[]> {
  const typing = terms.find((t) => t.prefix)?.words[0] ?? null;
  const singles = terms.filter((t) => t.words.length === 1);
  const joins = correct ? joinable(terms) : [];
  const lookedUp = [...new Set([...singles.flatMap((t) => [...t.words, ...t.alternatives.flat()]), ...joins.map((j) => j.joined)])];
  const { known, completions } = await lookUpWords(db, lookedUp, typing);
  // A pair whose join the index holds is one term: the join, or both words (never corrected).
  // Left to right, a word in one pair at most ("a b c" with "ab" and "bc" held: ab, then c).
  const pairAt = new Map<number, Join>();
  const inPair = new Set<number>();
  for (const j of joins) {
    if (!known.has(j.joined) || inPair.has(j.index)) continue;
    pairAt.set(j.index, j);
    inPair.add(j.index).add(j.index + 1);
  }

  const resolve = async (term: QueryTerm, fix: boolean): Promise<ResolvedTerm> => {
    if (term.words.length > 1) {
      return { term, tsquery: phrase(term.words), words: term.words, corrections: [], known: true };
    }
    const word = term.words[0]!;
    const forms = [word, ...term.alternatives.map(phrase)];
    const words = [word, ...term.alternatives.flat()];
    const completed = term.prefix ? completions : [];
    forms.push(...completed);
    words.push(...completed);
    const held = known.has(word) || completed.length > 0 || term.alternatives.some((a) => a.every((w) => known.has(w)));
    let corrections: string[] = [];
    let apart = false;
    if (!held && fix && correct && term.fuzzy) {
      const found = await unknownWord(db, word);
      const nearest = found.candidates.filter((c) => c.distance === found.candidates[0]?.distance).slice(0, MAX_CORRECTIONS);
      corrections = nearest.map((c) => c.word);
      forms.push(...corrections, ...found.splits.map(phrase));
      words.push(...corrections, ...found.splits.flat());
      apart = found.splits.length > 0;
    }
    return { term, tsquery: anyOf(forms), words, corrections, known: held || corrections.length > 0 || apart };
  };

  return Promise.all(
    terms.flatMap((term, i) => {
      const pair = pairAt.get(i);
      if (pair) return [Promise.all([resolve(pair.first, false), resolve(pair.second, false)]).then(([a, b]) => pairOf(pair, a, b))];
      return inPair.has(i) ? [] : [resolve(term, true)];
    }),
  );
}

/** Two consecutive typed words (at `index` and after it) and their join. */
type Join = { index: number; first: QueryTerm; second: QueryTerm; joined: string };

/** Consecutive typed words that may be one word written apart: plain words of letters, neither optional. */
function joinable(terms: QueryTerm[]): Join[] {
  const plain = (t: QueryTerm | undefined): t is QueryTerm => t !== undefined && t.words.length === 1 && t.fuzzy && !t.optional && !t.alternatives.length;
  const pairs: Join[] = [];
  for (let i = 0; i + 1 < terms.length; i++) {
    const [a, b] = [terms[i], terms[i + 1]];
    if (plain(a) && plain(b) && a.words[0]!.length + b.words[0]!.length <= 40) pairs.push({ index: i, first: a, second: b, joined: a.words[0]! + b.words[0]! });
  }
  return pairs;
}

/** Two typed words as one term: the indexed join, or both words anywhere. */
function pairOf(pair: Join, a: ResolvedTerm, b: ResolvedTerm): ResolvedTerm {
  const term: QueryTerm = { ...pair.first, typed: `${pair.first.typed} ${pair.second.typed}`, words: [pair.joined], alternatives: [], prefix: false, fuzzy: false };
  return { term, tsquery: `(${pair.joined} | (${a.tsquery} & ${b.tsquery}))`, words: [pair.joined, ...a.words, ...b.words], corrections: [], known: true };
}

/** The term with other forms than its own (a correction): for respelling a word that exists. */
export function respelled(resolved: ResolvedTerm, words: string[]): ResolvedTerm {
  return { ...resolved, tsquery: anyOf(words), words, corrections: words, known: true };
}

/** Every term must match: a tsquery, or null for none (browsing). */
export function allOf(terms: ResolvedTerm[]): string | null {
  return terms.length ? terms.map((t) => t.tsquery).join(" & ") : null;
}

function phrase(words: string[]): string {
  return words.length === 1 ? words[0]! : `(${words.join(" <-> ")})`;
}

function anyOf(forms: string[]): string {
  const unique = [...new Set(forms)];
  return unique.length === 1 ? unique[0]! : `(${unique.join(" | ")})`;
}

/**
 * Words that rank but never exclude, as a tsquery (or null): stop-words as typed, lone letters
 * and the letters of an abbreviation the index does not hold as the start of a word ("W.J." ranks
 * "William Jennings" first). Letters and digits only: safe operands.
 */
export function boostOf(resolved: ResolvedTerm[]): string | null {
  const operands = new Set<string>();
  for (const t of resolved) {
    const word = t.term.words[0]!;
    if (t.term.optional) operands.add(/^\p{L}$/u.test(word) ? `${word}:*` : word);
    else if (t.term.abbreviation && !t.known) for (const letter of word) operands.add(`${letter}:*`);
  }
  return operands.size ? [...operands].join(" | ") : null;
}
