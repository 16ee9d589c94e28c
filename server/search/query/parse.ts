// Query understanding, shared by both engines: what a reader typed, read once into words,
// quoted phrases and a date. The engines receive this and never parse text themselves.
import { findDates, type QueryDate } from "./dates";
import { indexForms, tokenize, type Token } from "./tokenize";

/** At most this many words are searched (the rest of a long query is ignored). */
export const MAX_TERMS = 8;
const MAX_WORD_LENGTH = 40;

/**
 * A unit of the query that matches or not as a whole: a word, a hyphenated or abbreviated word,
 * or a quoted phrase.
 */
export interface QueryTerm {
  /** As typed ("Kirghizia", "U.S.S.R.", "\"five-year plan\""): what messages quote. */
  typed: string;
  /** The words, folded: one for a word, several for a phrase (consecutive in the text). */
  words: string[];
  /**
   * Other ways the index may hold it, each a sequence of consecutive words: "Yong-geon" typed
   * is "yonggeon" or "yong geon" written apart.
   */
  alternatives: string[][];
  /** Stop-words and lone letters: they rank and highlight, they never exclude a record. */
  optional: boolean;
  /** The word still being typed (the last, no space after it): words starting with it match too. */
  prefix: boolean;
  /** Typos may be corrected: single words of letters, not quoted, not abbreviations. */
  fuzzy: boolean;
  /** A dotted abbreviation ("U.S.S.R.", "W.J."): its letters may also be initials. */
  abbreviation: boolean;
}

export interface ParsedQuery {
  /** The text as typed (trimmed). */
  text: string;
  terms: QueryTerm[];
  /** The date read from the text, if any: it acts on the records' dates, not on their words. */
  date: QueryDate | null;
  /** The text without the date, for the chip that removes it. */
  textWithoutDate: string;
}

/**
 * Words that rank but never exclude (English function words, as readers type them in names of
 * places and titles: "Bosnia and Herzegovina", "Ministry of Foreign Affairs").
 */
export const STOP_WORDS = new Set([
  "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "he", "her", "his", "in", "into", "is", "it",
  "its", "no", "nor", "not", "of", "on", "or", "she", "that", "the", "their", "this", "to", "was", "were", "with",
]);

/**
 * How many typos a word that the index does not hold may have: 1 from 4 letters, 2 from 9.
 * Meilisearch's defaults start at 5 letters, but Meilisearch fuzzes every word, also words that
 * exist; a word is corrected here only when it matches nothing as typed (or, in relaxation, when
 * it matches nothing with the others), so short surnames with a letter missing ("Bakr", "Oama")
 * are found too.
 */
export function allowedTypos(word: string): number {
  const length = [...word].length;
  return length >= 9 ? 2 : length >= 4 ? 1 : 0;
}

/**
 * Whether a typed word may be corrected: letters only. A number ("1957", a telegram's "4312")
 * or a word with digits in it is meant exactly as typed; the index keeps no typo keys for them.
 */
export function correctable(word: string): boolean {
  return /^\p{L}+$/u.test(word);
}

const QUOTES = /["“”„«»]([^"“”„«»]*)["“”„«»]?/g;

/** Reads a query. Never throws: anything unreadable is simply not a word. */
export function parseQuery(input: string): ParsedQuery {
  const text = input.slice(0, 500).trim();
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  const add = (term: QueryTerm) => {
    const key = term.words.join(" ");
    if (!key || seen.has(key)) return;
    seen.add(key);
    terms.push(term);
  };

  // Quoted phrases first; what remains is searched for dates, then words.
  let rest = text;
  for (const match of text.matchAll(QUOTES)) {
    // As the index holds them: a hyphenated word as its parts, then joined ("yong geon yonggeon").
    const words = tokenize(match[1]!).flatMap(indexForms).map(clip);
    if (words.length) {
      add({ typed: `“${match[1]!.trim()}”`, words, alternatives: [], optional: false, prefix: false, fuzzy: false, abbreviation: false });
    }
    rest = rest.replace(match[0], " ".repeat(match[0].length));
  }

  const { date, spans } = findDates(rest);
  let words = rest;
  for (const span of spans) words = words.slice(0, span.start) + " ".repeat(span.end - span.start) + words.slice(span.end);

  const tokens = tokenize(words);
  // The last word is still being typed unless a space or punctuation follows it.
  const endsTyping = /[\p{L}\p{N}]$/u.test(input.slice(0, 500));
  tokens.forEach((token, i) => add(termOf(token, endsTyping && i === tokens.length - 1 && token.end === words.trimEnd().length)));

  // Only stop-words ("The", "A"): then they are what the reader wants.
  if (terms.length && terms.every((t) => t.optional)) for (const t of terms) t.optional = false;
  const kept = [...terms.filter((t) => !t.optional).slice(0, MAX_TERMS), ...terms.filter((t) => t.optional).slice(0, MAX_TERMS)];
  let textWithoutDate = text;
  if (date) {
    for (const span of [...spans].reverse()) textWithoutDate = textWithoutDate.slice(0, span.start) + textWithoutDate.slice(span.end);
    textWithoutDate = textWithoutDate.replace(/\s+/g, " ").replace(/\s+([,.;:])/g, "$1").replace(/([,;:])[\s,;:]*[,;:]/g, "$1").replace(/^[\s,.;:]+|[\s,.;:]+$/g, "");
  }
  return { text, terms: terms.filter((t) => kept.includes(t)), date, textWithoutDate };
}

const clip = (word: string) => word.slice(0, MAX_WORD_LENGTH);

function termOf(token: Token, typing: boolean): QueryTerm {
  const joined = clip(token.joined);
  const lone = !token.hyphenated && !token.abbreviation && [...joined].length === 1 && /^[a-z]$/.test(joined);
  return {
    typed: token.raw,
    words: [joined],
    alternatives: token.hyphenated ? [token.parts.map(clip)] : [],
    optional: STOP_WORDS.has(joined) || lone,
    prefix: typing && !token.abbreviation && !/^\d+$/.test(joined),
    fuzzy: !token.abbreviation && correctable(joined),
    abbreviation: token.abbreviation,
  };
}

/** A quoted phrase (several words that must follow each other), as opposed to a word. */
export function isPhrase(term: QueryTerm): boolean {
  return term.words.length > 1 && term.typed.startsWith("“");
}

/**
 * A quoted phrase's words as separate words, for when no record has the phrase as typed: its
 * words in any order, each as an unquoted word would be read (hyphenated words whole or apart,
 * stop-words optional) but never typo-corrected (quoting says the spelling is meant). The
 * engines try this before leaving anything out: "Choe Yonggeon discuss" in quotes finds a text
 * that writes "Choe Yong-geon discuss", whose words the index holds apart and joined.
 */
export function phraseWords(term: QueryTerm): QueryTerm[] {
  return tokenize(term.typed.slice(1, -1)).map((token) => ({ ...termOf(token, false), fuzzy: false }));
}

/** Every folded word of the query (for highlighting and "matched as"). */
export function queryWords(parsed: ParsedQuery): string[] {
  return [...new Set(parsed.terms.flatMap((t) => [...t.words, ...t.alternatives.flat()]))];
}
