// What a result shows of the query: its words marked in the summary, and which variant names
// it matched. Words are read by the same tokenizer as the index (server/search/query/tokenize.ts).
import type { SearchDocument } from "./document";
import type { SearchHit, Understood } from "./engine";
import type { ParsedQuery } from "./query/parse";
import { tokenize, type Token } from "./query/tokenize";

/** A word of a text matches the query's words: as a whole, or every part of a hyphenated word. */
function tokenMatches(token: Token, words: Set<string>): boolean {
  return words.has(token.joined) || (token.parts.length > 1 && token.parts.every((p) => words.has(p)));
}

/**
 * The names among `names` that the query matched: every word of the name is one of the words
 * searched (those typed, their corrections, and the indexed words completing the last one).
 */
export function namesMatched(names: string[], words: string[]): string[] {
  if (words.length === 0) return [];
  const wanted = new Set(words);
  return names.filter((name) => {
    const tokens = nameTokens(name);
    return tokens.length > 0 && tokens.every((t) => tokenMatches(t, wanted));
  });
}

/**
 * A name's words, remembered: the same names come back in every result that mentions the same
 * people and places. Bounded (cleared when full), so memory stays flat.
 */
const NAME_TOKENS = new Map<string, Token[]>();
const NAME_TOKENS_MAX = 20_000;
function nameTokens(name: string): Token[] {
  let tokens = NAME_TOKENS.get(name);
  if (!tokens) {
    if (NAME_TOKENS.size >= NAME_TOKENS_MAX) NAME_TOKENS.clear();
    NAME_TOKENS.set(name, (tokens = tokenize(name)));
  }
  return tokens;
}

/**
 * The text with every word that the index reads as one of `words` (or as a part of a hyphenated
 * word that is one of them) marked \u0001...\u0002, the form highlightParts reads.
 */
export function markMatches(text: string, words: string[]): string {
  if (words.length === 0) return text;
  const wanted = new Set(words);
  let marked = "";
  let at = 0;
  for (const token of tokenize(text)) {
    const hit = wanted.has(token.joined) || token.parts.some((p) => wanted.has(p));
    if (!hit) continue;
    marked += `${text.slice(at, token.start)}\u0001${token.raw}\u0002`;
    at = token.end;
  }
  return marked + text.slice(at);
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
export function toSearchHit(doc: SearchDocument, markedSummary: string, words: string[]): SearchHit {
  return {
    id: doc.id,
    title: doc.title,
    dateText: doc.dateText,
    dateEarliest: doc.dateEarliest,
    documentType: doc.documentType,
    summaryParts: highlightParts(markedSummary),
    // Variants only for entities whose preferred name the query did not match ("Kim Il Sung"
    // typed is not "matched as Kim Il-sung").
    matchedAs: [...new Set(doc.entities.flatMap((e) => (namesMatched([e.name], words).length ? [] : namesMatched(e.variants, words))))],
  };
}

/** The query as searched after corrections ("shtykov 1950" for "Shytkov 1950"), or null without any. */
export function correctedText(parsed: ParsedQuery, corrections: Understood["corrections"]): string | null {
  if (corrections.length === 0) return null;
  let text = parsed.text;
  for (const { typed, used } of corrections) text = text.replace(typed, used);
  return text;
}
