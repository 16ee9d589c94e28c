// When the words and the date of a query match nothing together: the nearest other words for a
// word that exists, then leaving parts out (server/search/query/relax.ts, shared with the
// Meilisearch engine); and, among equally near corrections, the ones that find something.
import { readRows } from "../../db";
import { Prisma } from "../../generated/prisma/client";
import type { SearchQuery } from "../engine";
import type { QueryDate } from "../query/dates";
import { dateWeight, relax as relaxParts, wordWeight, type RelaxPart } from "../query/relax";
import { plannedRows } from "./counting";
import { DATE_RANGE, filtersOf, whereOf } from "./filters";
import { typoCandidates } from "./lexicon";
import { allOf, respelled, type ResolvedTerm } from "./terms";
import { CORRECTION_COUNT, MAX_RESPELLINGS, type Reader } from "./tuning";

const { sql, join } = Prisma;

/** For each set of terms and date: does any record match it (with the search's filters)? One statement. */
export async function matchesAny(ctx: Reader, query: SearchQuery, sets: { terms: ResolvedTerm[]; date: QueryDate | null }[]): Promise<boolean[]> {
  if (sets.length === 0) return [];
  const unfiltered = filtersOf(query, null).filters.length === 0;
  const checks = sets.map((set) => {
    const tsquery = allOf(set.terms);
    // The date alone: the date-range index (GiST) knows at once whether any record overlaps it.
    if (!tsquery && set.date && unfiltered) {
      return sql`EXISTS (SELECT 1 FROM search_documents sd WHERE ${DATE_RANGE} && daterange(${set.date.from}::date, ${set.date.to}::date, '[]'))`;
    }
    const { filters } = filtersOf(query, set.date);
    const where = whereOf(tsquery ? [sql`sd.tsv @@ to_tsquery('simple', ${tsquery})`, ...filters] : filters);
    // With a date, the planner cannot know how few rows overlap it (a month of one year) and
    // may plan EXISTS as a sequential scan that stops at the first match it expects soon: with
    // none, that scan reads the whole table (1.8 s at 100,000 records). Asking for the first
    // row in an order no index gives makes it read the (small) set the GIN index finds instead.
    return set.date
      ? sql`(SELECT count(*) > 0 FROM (SELECT 1 FROM search_documents sd ${where} ORDER BY (sd.record_id + 0) LIMIT 1) x)`
      : sql`EXISTS (SELECT 1 FROM search_documents sd ${where})`;
  });
  const [row] = await readRows<{ matched: boolean[] }>(ctx.db, sql`SELECT ARRAY[${join(checks)}] AS matched`);
  return row!.matched;
}

/** The planner's count of indexed records, read at most once a minute per database (it only scales word weights). */
const sizes = new WeakMap<object, { n: number; at: number }>();
const SIZE_KEPT_MS = 60_000;

async function archiveSize(ctx: Reader): Promise<number> {
  const kept = sizes.get(ctx.db);
  if (kept && performance.now() - kept.at < SIZE_KEPT_MS) return kept.n;
  const [row] = await readRows<{ n: number }>(ctx.db, sql`SELECT greatest(reltuples, 1)::int AS n FROM pg_class WHERE relname = 'search_documents'`);
  const n = row?.n ?? 1;
  sizes.set(ctx.db, { n, at: performance.now() });
  return n;
}

/**
 * A typo near several indexed words at the same distance ("Gromiko": "gromyko", "gromkiy"):
 * the words that give results with the rest of the query come first, the commoner first;
 * words that give none are dropped when another gives some.
 */
export async function chooseCorrections(ctx: Reader, query: SearchQuery, terms: ResolvedTerm[], date: QueryDate | null): Promise<ResolvedTerm[]> {
  const { filters } = filtersOf(query, date);
  return Promise.all(
    terms.map(async (term) => {
      if (term.corrections.length < 2) return term;
      const others = terms.filter((t) => t !== term);
      const counts = sql`ARRAY[${join(term.corrections.map((word) => {
        const tsquery = allOf([...others, respelled(term, [word])])!;
        return sql`(SELECT count(*)::int FROM (SELECT 1 FROM search_documents sd ${whereOf([sql`sd.tsv @@ to_tsquery('simple', ${tsquery})`, ...filters])} LIMIT ${CORRECTION_COUNT}) x)`;
      }))}]`;
      const [row] = await readRows<{ counts: number[] }>(ctx.db, sql`SELECT ${counts} AS counts`);
      const order = term.corrections.map((word, i) => ({ word, n: row!.counts[i]! })).sort((a, b) => b.n - a.n);
      const useful = order.filter((c) => c.n > 0);
      return respelled(term, (useful.length ? useful : order).map((c) => c.word));
    }),
  );
}

/**
 * When no record has every word and the date: first a word that exists may have been meant as
 * another ("form" for "from"): the nearest words that make the query match; then the parts
 * (words and date) that match together, rarer words weighing more (server/search/query/relax.ts).
 * Null when nothing matches even so.
 */
export async function relax(ctx: Reader, query: SearchQuery, terms: ResolvedTerm[], date: QueryDate | null): Promise<{ terms: ResolvedTerm[]; date: QueryDate | null } | null> {
  // Respelling: each known single word replaced by its nearest other words. Pointless while a
  // word matches nothing at all: every respelled query would still hold it.
  const respellings: ResolvedTerm[][] = [];
  const respellable = terms.every((t) => t.known) ? terms.map((t, i) => [i, t] as const).filter(([, t]) => t.term.fuzzy && !t.corrections.length) : [];
  const nearestOf = await Promise.all(respellable.map(async ([, t]) => (await typoCandidates(ctx.db, t.term.words[0]!)).slice(0, MAX_RESPELLINGS)));
  respellable.forEach(([i], k) => {
    for (const { word } of nearestOf[k]!) respellings.push(terms.map((t, j) => (j === i ? respelled(t, [word]) : t)));
  });
  const respelledMatch = await matchesAny(ctx, query, respellings.map((set) => ({ terms: set, date })));
  const found = respellings.find((_, i) => respelledMatch[i]);
  if (found) return { terms: found, date };

  // Leaving parts out. Weights from the planner's estimates (no rows read).
  const { filters } = filtersOf(query, null);
  const [records, ...planned] = await Promise.all([
    archiveSize(ctx),
    ...terms.map((t) => (t.known ? plannedRows(ctx, whereOf([sql`sd.tsv @@ to_tsquery('simple', ${t.tsquery})`, ...filters])) : 0)),
  ]);
  const weights = planned.map((n, i) => (terms[i]!.known ? wordWeight(n, records) : 0));
  type Part = RelaxPart & { term?: ResolvedTerm; date?: QueryDate };
  const parts: Part[] = terms.map((term, i) => ({ typed: term.term.typed, weight: weights[i]!, term }));
  if (date) parts.push({ typed: date.typed.join(" "), weight: dateWeight(weights), date });
  const asSet = (set: Part[]) => ({ terms: set.flatMap((p) => (p.term ? [p.term] : [])), date: set.find((p) => p.date)?.date ?? null });
  const kept = await relaxParts(parts, (sets) => matchesAny(ctx, query, sets.map(asSet)));
  return kept.length ? asSet(kept) : null;
}