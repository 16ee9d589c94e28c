// The PostgreSQL engine's lexicon: every indexed word, with its deletion neighbourhood (typo
// tolerance, server/search/query/typos.ts). Written beside each indexed document; read to
// complete the word being typed and to find the words a typo may have meant.
import { readRows, type Db, type DbOrTx } from "../../db";
import { Prisma } from "../../generated/prisma/client";
import { indexDeletionKeys, queryDeletionKeys, withinTypos } from "../query/typos";

const { sql } = Prisma;

/** Words kept in the lexicon: every word (short ones too: relaxation asks whether "il" exists), up to a length. */
const MIN_LENGTH = 1;
const MAX_LENGTH = 40;
/** The word being typed matches at most this many indexed words that start with it (the shortest). */
export const PREFIX_WORDS = 8;
/** Lexicon entries read to choose them. */
const PREFIX_SCAN = 2_000;
/** Words read for one typo, of any length (a short prefix of common letters can share its deletions with many). */
const CANDIDATE_SCAN = 5_000;

/** Adds the new words of indexed texts, with their deletion keys. Stale words are harmless. */
export async function addWords(tx: DbOrTx, words: Iterable<string>): Promise<void> {
  const fresh = [...new Set(words)].filter((w) => w.length >= MIN_LENGTH && w.length <= MAX_LENGTH);
  if (fresh.length === 0) return;
  // Sorted, so concurrent writers take row locks in the same order.
  fresh.sort();
  const added = await tx.$queryRaw<{ id: number; word: string }[]>`
    INSERT INTO search_lexicon (word) SELECT unnest(${fresh}::text[]) ON CONFLICT DO NOTHING RETURNING id, word`;
  const keys: number[] = [];
  const ids: number[] = [];
  for (const { id, word } of added) {
    for (const key of indexDeletionKeys(word)) {
      keys.push(key);
      ids.push(id);
    }
  }
  if (keys.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO search_lexicon_deletions (key, word_id) SELECT * FROM unnest(${keys}::int[], ${ids}::int[]) ON CONFLICT DO NOTHING`;
}

export interface WordLookup {
  /** Words that are in the lexicon as typed. */
  known: Set<string>;
  /** For the word being typed: indexed words that start with it (at most PREFIX_WORDS, the shortest first). */
  completions: string[];
}

/** Which words exist, and how the word being typed may go on. One statement. */
export async function lookUpWords(db: Db, words: string[], typing: string | null): Promise<WordLookup> {
  if (words.length === 0 && typing === null) return { known: new Set(), completions: [] };
  const rows = await readRows<{ known: string[]; completions: string[] }>(db, sql`
    SELECT
      ARRAY(SELECT word FROM search_lexicon WHERE word = ANY(${words}::text[])) AS known,
      ARRAY(
        SELECT word FROM (SELECT word FROM search_lexicon WHERE ${typing ?? ""} <> '' AND word LIKE ${likePrefix(typing ?? "")} LIMIT ${PREFIX_SCAN}) w
        ORDER BY length(word), word LIMIT ${PREFIX_WORDS}
      ) AS completions`);
  const row = rows[0]!;
  return { known: new Set(row.known), completions: row.completions.filter((w) => w !== typing) };
}

/** Every indexed word within the typos `term` allows (nearest first), from the deletion neighbourhood. */
export async function typoCandidates(db: Db, term: string): Promise<{ word: string; distance: number }[]> {
  return (await unknownWord(db, term, false)).candidates;
}

/** The shortest part of a word read as two ("de" of "degaulle"). */
const MIN_PART = 2;

/**
 * What a word the index does not hold may have meant: indexed words within its typos (nearest
 * first), and, with `splits`, the ways it reads as two indexed words written apart ("ilsung" as
 * "il sung", "degaulle" as "de gaulle"), as Meilisearch splits words. One statement.
 */
export async function unknownWord(db: Db, term: string, splits = true): Promise<{ candidates: { word: string; distance: number }[]; splits: [string, string][] }> {
  const keys = queryDeletionKeys(term);
  const letters = [...term];
  const parts = splits ? Array.from({ length: Math.max(0, letters.length - 2 * MIN_PART + 1) }, (_, i): [string, string] => [letters.slice(0, i + MIN_PART).join(""), letters.slice(i + MIN_PART).join("")]) : [];
  if (keys.length === 0 && parts.length === 0) return { candidates: [], splits: [] };
  const length = letters.length;
  // The ids first, then each word by its id: written as a join or IN, the planner guesses the
  // length filter keeps 0.5% of the lexicon and reads all of it (a hash join: 9 ms at 48,000
  // words, against 0.4 ms).
  const [row] = await readRows<{ words: string[]; halves: string[] }>(db, sql`
    SELECT ARRAY(
      SELECT l.word FROM search_lexicon l
      WHERE l.id = ANY(ARRAY(SELECT DISTINCT word_id FROM search_lexicon_deletions WHERE key = ANY(${keys}::int[]) LIMIT ${CANDIDATE_SCAN}))
        AND length(l.word) BETWEEN ${length - 2} AND ${length + 2}
    ) AS words,
    ARRAY(SELECT word FROM search_lexicon WHERE word = ANY(${parts.flat()}::text[])) AS halves`);
  const known = new Set(row!.halves);
  return { candidates: withinTypos(term, row!.words), splits: parts.filter(([a, b]) => known.has(a) && known.has(b)) };
}

/** A LIKE pattern for words starting with `prefix` (its wildcards escaped). */
function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
