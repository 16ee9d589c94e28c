// From the parsed query's terms to tsquery operands: each term with every form it may match in
// the index (hyphenated words apart, completions of the word being typed, the nearest indexed
// words for a typo). Terms hold only letters and digits (the tokenizer's words), so they are
// safe tsquery operands.
import type { Db } from "../../db";
import type { QueryTerm } from "../query/parse";
import { lookUpWords, typoCandidates } from "./lexicon";

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

/** Resolves every term against the lexicon: two statements, plus one per word the index does not hold. */
export async function resolveTerms(db: Db, terms: QueryTerm[], { correct }: { correct: boolean }): Promise<ResolvedTerm[]> {
  const typing = terms.find((t) => t.prefix)?.words[0] ?? null;
  const singles = terms.filter((t) => t.words.length === 1);
  const lookedUp = [...new Set(singles.flatMap((t) => [...t.words, ...t.alternatives.flat()]))];
  const { known, completions } = await lookUpWords(db, lookedUp, typing);

  return Promise.all(
    terms.map(async (term): Promise<ResolvedTerm> => {
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
      if (!held && correct && term.fuzzy) {
        const candidates = await typoCandidates(db, word);
        const nearest = candidates.filter((c) => c.distance === candidates[0]?.distance).slice(0, MAX_CORRECTIONS);
        corrections = nearest.map((c) => c.word);
        forms.push(...corrections);
        words.push(...corrections);
      }
      return { term, tsquery: anyOf(forms), words, corrections, known: held || corrections.length > 0 };
    }),
  );
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
