// Reading a page of results: relevance in two tiers (records whose title or names hold every
// word, ranked; then the other matches, newest first within blocks), or date order. A result
// counted exactly gets its page from the same scan that counts it.
import { readRows } from "../../db";
import { Prisma } from "../../generated/prisma/client";
import type { SearchDocument } from "../document";
import type { SearchQuery } from "../engine";
import type { QueryDate } from "../query/dates";
import { aggregates, countUpTo, sample, SEPARATOR, type MatchKeys, type Sampled } from "./counting";
import { DATE_RANGE, filtersOf, whereOf, type DateWalk } from "./filters";
import { COUNT_CAP, IN_TITLE_SAMPLE, OTHER_BLOCK, RELEVANCE_WINDOW, SORT_IN_MEMORY, type Reader } from "./tuning";

const { sql, raw, join } = Prisma;

/** How much optional words (stop-words, initials) weigh in the title tier's rank beside the required ones. */
const BOOST_WEIGHT = 0.5;

/**
 * One search of the index for these words (a tsquery, or null to browse) and this date. `boost`:
 * words that rank the title tier but never exclude (stop-words, initials), as a tsquery or null.
 */
export async function execute(ctx: Reader, query: SearchQuery, tsquery: string | null, date: QueryDate | null, boost: string | null = null) {
  const { filters, decadeRange, dateWalk } = filtersOf(query, date);
  const tsq = tsquery ? sql`to_tsquery('simple', ${tsquery})` : null;
  const where = whereOf(tsq ? [sql`sd.tsv @@ ${tsq}`, ...filters] : dateWalk?.alone ? [...filters, dateWalk.alone] : filters);
  const offset = (query.page - 1) * query.pageSize;

  // The sample (a few hundred rows at most) tells a large result from one counted exactly. A long
  // span alone reads it along the sample's own date index, up to the span's last day: through the
  // date-range index it would visit every record of the span to keep one in 64. Its size is the
  // planner's for the overlap alone (the exact conditions repeat it, and the planner cannot see
  // through them: it took 50,000 records for 5,700).
  const ranked = tsq !== null && query.sort === "relevance";
  const longAlone = tsq === null && dateWalk?.alone ? dateWalk : null;
  const sampled = longAlone
    ? sample(ctx, whereOf([...filters, sql`sd.date_earliest <= ${longAlone.to}::date`]), true, null, whereOf([longAlone.alone!]))
    : sample(ctx, where, tsq === null && filters.length === 0, ranked ? sql`sd.head_tsv @@ ${tsq}` : null);
  // Awaited later, after other statements: a failure meanwhile must not count as unhandled.
  sampled.catch(() => undefined);
  const found = ranked
    ? await rankedHits(ctx, tsq, boost, filters, where, offset, query.pageSize, sampled)
    : await datedHits(ctx, tsq, where, decadeRange, query, offset, sampled, tsq ? null : dateWalk);
  const counted = await aggregates(ctx, found.keys, await sampled);
  return { documents: found.documents, aggregates: counted, ranked };
}

/**
 * Relevance in two tiers, as Meilisearch's "attribute" rule does: records whose title or names
 * hold every word come first, ranked by ts_rank over that short, inline vector (a separate
 * small GIN index finds them: no full-text posting list is read); then the other matches,
 * newest first. Each tier reads at most rankCap matches, so a common word never ranks the
 * whole archive, and the full tsvector (large, stored out of line) is never read to rank.
 * When the first tier is that large, its rankCap come from a fixed eighth of the index (its
 * own GIN index): a GIN index can only hand over all its matches at once, and a common word's
 * title matches number tens of thousands. It is tried when the fixed 1-in-64 sample (read to
 * count the result) puts the title matches at titleSampleFrom or more, and used when it holds
 * rankCap of them; otherwise (a gate decided before the second scan starts) the whole index is
 * read. Either way a set fixed by the index and its sample, so pages agree.
 * The facet keys of a result counted exactly come from the same scan as the second tier.
 */
export async function rankedHits(ctx: Reader, tsq: Prisma.Sql, boost: string | null, filters: Prisma.Sql[], where: Prisma.Sql, offset: number, pageSize: number, sampled: Promise<Sampled>): Promise<Found> {
  const titleWhere = whereOf([sql`sd.head_tsv @@ ${tsq}`, ...filters]);
  // The title sample is tried only when the sample expects enough title matches for it to hold
  // rankCap: for fewer, trying it would read its rows only to fall back to the whole index.
  const sample = await sampled;
  const trySample = sample.inTitle >= ctx.tuning.titleSampleFrom;
  // Normalization 1 divides by 1 + log(length): of records that match alike, the one whose title
  // and names say less besides is the closer match (BM25's length normalization, roughly).
  // Optional words add to the rank of the rows already found (no index is read for them): "A. M.
  // Puzanov" puts Aleksandr Mikhailovich first, "the" a title that has it.
  const rank = boost
    ? sql`ts_rank(sd.head_tsv, ${tsq}, 1) + ${BOOST_WEIGHT}::real * ts_rank(sd.head_tsv, to_tsquery('simple', ${boost}), 1) AS rank`
    : sql`ts_rank(sd.head_tsv, ${tsq}, 1) AS rank`;
  const head = await readRows<{ document: SearchDocument; tier_size: number }>(ctx.db, sql`
      WITH ${trySample
        ? sql`sampled AS MATERIALIZED (
          SELECT sd.record_id, sd.date_earliest, ${rank} FROM search_documents sd ${titleWhere} AND ${IN_TITLE_SAMPLE} LIMIT ${ctx.tuning.rankCap}
        ), whole AS MATERIALIZED (
          SELECT sd.record_id, sd.date_earliest, ${rank} FROM search_documents sd ${titleWhere} AND (SELECT count(*) FROM sampled) < ${ctx.tuning.rankCap} LIMIT ${ctx.tuning.rankCap}
        ), head AS (
          SELECT * FROM sampled WHERE (SELECT count(*) FROM sampled) = ${ctx.tuning.rankCap} UNION ALL SELECT * FROM whole
        )`
        : sql`head AS MATERIALIZED (
          SELECT sd.record_id, sd.date_earliest, ${rank} FROM search_documents sd ${titleWhere} LIMIT ${ctx.tuning.rankCap}
        )`}, top AS (
        SELECT record_id, rank, date_earliest FROM head ORDER BY rank DESC, date_earliest DESC, record_id LIMIT ${pageSize} OFFSET ${offset}
      )
      SELECT sd.document, (SELECT count(*)::int FROM head) AS tier_size
      FROM top JOIN search_documents sd USING (record_id)
      ORDER BY top.rank DESC, top.date_earliest DESC, sd.record_id`);
  const titleDocuments = head.map((row) => row.document);
  // An empty page says nothing about the tier's size: count it (cheap, bounded) when needed.
  const titleTierSize = head[0]?.tier_size ?? (offset > 0 ? await countUpTo(ctx, titleWhere, ctx.tuning.rankCap) : 0);
  const other = head.length < pageSize ? otherPage(offset, titleTierSize, pageSize - head.length) : null;
  if (sample.large) {
    return { documents: other ? [...titleDocuments, ...(await otherTier(ctx, tsq, where, other))] : titleDocuments, keys: sample.keys };
  }
  const found = await matches(ctx, where, other && { kind: "other", tsq, ...other });
  const otherDocuments = found.page ?? (other ? await otherTier(ctx, tsq, where, other) : []);
  return { documents: [...titleDocuments, ...otherDocuments], keys: found.keys };
}

/**
 * The second tier: matches outside the title and names, after the first tier, in blocks of
 * OTHER_BLOCK matches (as the index returns them), newest first within each block. A page reads
 * only the blocks up to its own (page 1: one block, not the whole window); the blocks depend
 * only on the query, so pages never overlap or skip. Used for large results; a result counted
 * exactly gets its page from the scan that counts it (`matches`), which orders alike.
 */
export async function otherTier(ctx: Reader, tsq: Prisma.Sql, where: Prisma.Sql, page: OtherPage): Promise<SearchDocument[]> {
  const rows = await readRows<{ document: SearchDocument }>(ctx.db, sql`
    WITH body AS MATERIALIZED (
      SELECT b.record_id, b.date_earliest, (row_number() OVER () - 1) / ${OTHER_BLOCK} AS block
      FROM (SELECT sd.record_id, sd.date_earliest FROM search_documents sd ${where} AND NOT (sd.head_tsv @@ ${tsq}) LIMIT ${page.readUpTo}) b
    ), ${otherTop(page)}
    SELECT sd.document
    FROM top JOIN search_documents sd USING (record_id)
    ORDER BY ${OTHER_ORDER}`);
  return rows.map((row) => row.document);
}

/**
 * Date order (a sort chosen by the reader, or browsing without words). A result counted
 * exactly is sorted from the scan that counts it. A large one walks the date index and stops
 * at the page; a mid-sized one is collected first and sorted, which the planner would not
 * choose by itself when the filters are correlated with date (it would walk the index through
 * every record before the ones that match). A date typed alone is walked (`walk`, walkDates).
 */
export async function datedHits(ctx: Reader, tsq: Prisma.Sql | null, where: Prisma.Sql, decadeRange: Prisma.Sql | null, query: SearchQuery, offset: number, sampled: Promise<Sampled>, walk: DateWalk | null = null): Promise<Found> {
  const direction = query.sort === "newest" ? "DESC" : query.sort === "oldest" || !tsq ? "ASC" : "DESC";
  const byDate = raw(direction);
  const sample = await sampled;
  // A date typed alone, in relevance order: the records that lie wholly inside it first ("24 July
  // 1957": that day's records before the year-long spans that cover it), each part oldest first.
  const inside = walk && query.sort === "relevance" ? { from: walk.from, to: walk.to } : null;
  let keys = sample.keys;
  if (!sample.large) {
    const found = await matches(ctx, where, { kind: "dated", direction, limit: query.pageSize, offset, inside });
    if (found.page) return { documents: found.page, keys: found.keys };
    keys = found.keys; // more than COUNT_CAP matches after all: the page needs the whole result
  }
  if (walk) return { documents: await walkDates(ctx, walk, byDate, query.pageSize, offset, inside !== null), keys };
  const rows = await readRows<{ document: SearchDocument }>(ctx.db,
    sample.estimate <= SORT_IN_MEMORY
      ? sql`
        WITH m AS MATERIALIZED (SELECT sd.record_id, sd.date_earliest FROM search_documents sd ${where}),
        top AS (SELECT record_id, date_earliest FROM m ORDER BY date_earliest ${byDate}, record_id ${byDate} LIMIT ${query.pageSize} OFFSET ${offset})
        SELECT sd.document
        FROM top JOIN search_documents sd USING (record_id)
        ORDER BY top.date_earliest ${byDate}, sd.record_id ${byDate}`
      : sql`
        SELECT sd.document
        FROM search_documents sd ${where} ${decadeRange ? sql`AND ${decadeRange}` : sql``}
        ORDER BY sd.date_earliest ${byDate}, sd.record_id ${byDate}
        LIMIT ${query.pageSize} OFFSET ${offset}`,
  );
  return { documents: rows.map((row) => row.document), keys };
}

/**
 * A page of the records whose dates overlap [from, to], in date order, without reading them
 * all: those that start inside it, walking the date index from its start (or back from its
 * end), and those that started before it and still run on its first day (long spans, few; the
 * date-range index finds them). In ascending order the second all come first. `insideFirst`
 * (relevance): those that lie wholly inside the date come before all the others, so the walk
 * inside it keeps only those, and the ones that start inside but end after it are the records
 * that cover its last day (the date-range index again). No part may be read along the date
 * index as a whole ("+ 0"): with a LIMIT the planner would walk the whole index for a few long
 * spans it expects soon (870 ms at 500,000 records when there are none).
 */
async function walkDates(ctx: Reader, walk: DateWalk, byDate: Prisma.Sql, pageSize: number, offset: number, insideFirst: boolean): Promise<SearchDocument[]> {
  const years = walk.years.length ? sql`AND ${join(walk.years, " AND ")}` : sql``;
  const upTo = offset + pageSize;
  const [from, to] = [sql`${walk.from}::date`, sql`${walk.to}::date`];
  const part = (outside: boolean, where: Prisma.Sql, order: Prisma.Sql) => sql`(SELECT sd.record_id, sd.date_earliest, ${outside}::boolean AS outside FROM search_documents sd
        WHERE ${where} ${years} ORDER BY ${order} ${byDate}, sd.record_id ${byDate} LIMIT ${upTo})`;
  // Runs over the first day from the day before / over the last day into the day after: the
  // date-range index then reads only the records that cross that edge.
  const before = part(insideFirst, sql`${DATE_RANGE} @> daterange(${from} - 1, ${from}, '[]')`, sql`sd.date_earliest + 0`);
  const parts = insideFirst
    ? [
        part(false, sql`sd.date_earliest >= ${from} AND sd.date_earliest <= ${to} AND sd.date_latest + 0 <= ${to}`, sql`sd.date_earliest`),
        part(true, sql`${DATE_RANGE} @> daterange(${to}, ${to} + 1, '[]') AND sd.date_earliest + 0 >= ${from}`, sql`sd.date_earliest + 0`),
        before,
      ]
    : [before, part(false, sql`sd.date_earliest >= ${from} AND sd.date_earliest <= ${to}`, sql`sd.date_earliest`)];
  // Without insideFirst every part says outside = false, so ordering by it changes nothing.
  const rows = await readRows<{ document: SearchDocument }>(ctx.db, sql`
    WITH m AS (${join(parts, " UNION ALL ")}),
    top AS (SELECT record_id, date_earliest, outside FROM m ORDER BY outside, date_earliest ${byDate}, record_id ${byDate} LIMIT ${pageSize} OFFSET ${offset})
    SELECT sd.document
    FROM top JOIN search_documents sd USING (record_id)
    ORDER BY top.outside, top.date_earliest ${byDate}, sd.record_id ${byDate}`);
  return rows.map((row) => row.document);
}

/**
 * One scan of the first COUNT_CAP + 1 matches for a result the sample sizes as small: their
 * facet keys (counted in the app) and, from the same rows, the page when it lies among them
 * (the second relevance tier, or a date-ordered page of a result of at most COUNT_CAP). A
 * common word's posting list costs more to read than anything done with its rows, so it is
 * read once. `page` is null when the page is not among these rows (the caller reads it).
 */
export async function matches(ctx: Reader, where: Prisma.Sql, page: MatchesPage | null): Promise<{ keys: MatchKeys; page: SearchDocument[] | null }> {
  const all = sql`(SELECT count(*) FROM m) <= ${COUNT_CAP}`;
  let pageSql = sql`NULL::json AS documents, false AS complete`;
  let ctes = sql``;
  if (page?.kind === "other") {
    ctes = sql`, body AS (
        SELECT b.record_id, b.date_earliest, (row_number() OVER () - 1) / ${OTHER_BLOCK} AS block
        FROM (SELECT record_id, date_earliest FROM m WHERE NOT in_head LIMIT ${page.readUpTo}) b
      ), ${otherTop(page)}`;
    pageSql = sql`(SELECT json_agg(sd.document ORDER BY ${OTHER_ORDER}) FROM top JOIN search_documents sd USING (record_id)) AS documents,
      ${all} OR (SELECT count(*) FROM m WHERE NOT in_head) >= ${page.readUpTo} AS complete`;
  } else if (page?.kind === "dated") {
    const byDate = raw(page.direction);
    // Relevance for a date typed alone: the records wholly inside it first (as walkDates orders them).
    const outside = page.inside ? sql`NOT (date_earliest >= ${page.inside.from}::date AND date_latest <= ${page.inside.to}::date)` : sql`false`;
    ctes = sql`, top AS (SELECT record_id, date_earliest, ${outside} AS outside FROM m ORDER BY outside, date_earliest ${byDate}, record_id ${byDate} LIMIT ${page.limit} OFFSET ${page.offset})`;
    pageSql = sql`(SELECT json_agg(sd.document ORDER BY top.outside, top.date_earliest ${byDate}, sd.record_id ${byDate}) FROM top JOIN search_documents sd USING (record_id)) AS documents,
      ${all} AS complete`;
  }
  const [row] = await readRows<MatchKeys & { documents: SearchDocument[] | null; complete: boolean }>(ctx.db, sql`
    WITH m AS MATERIALIZED (
      SELECT sd.record_id, sd.date_earliest, sd.match_keys${page?.kind === "other" ? sql`, sd.head_tsv @@ ${page.tsq} AS in_head` : sql``}${page?.kind === "dated" && page.inside ? sql`, sd.date_latest` : sql``}
      FROM search_documents sd ${where} LIMIT ${COUNT_CAP + 1}
    )${ctes}
    SELECT (SELECT count(*)::int FROM m) AS total, (SELECT coalesce(string_agg(m.match_keys, ${SEPARATOR}), '') FROM m) AS keys, ${pageSql}`);
  return { keys: { total: row!.total, keys: row!.keys }, page: page && row!.complete ? (row!.documents ?? []) : null };
}

/** A search's page of documents and the facet keys its aggregates are counted from. */
type Found = { documents: SearchDocument[]; keys: MatchKeys };

/** Where a page of the second relevance tier lies: blocks read, the first block used, rows wanted and skipped. */
type OtherPage = { readUpTo: number; firstBlock: number; wanted: number; skip: number };
type MatchesPage = ({ kind: "other"; tsq: Prisma.Sql } & OtherPage) | { kind: "dated"; direction: "ASC" | "DESC"; limit: number; offset: number; inside: { from: string; to: string } | null };

/** The second tier's page, or null when the page lies past the relevance window. */
function otherPage(offset: number, titleTierSize: number, wanted: number): OtherPage | null {
  const otherOffset = Math.max(0, offset - titleTierSize);
  const otherWindow = RELEVANCE_WINDOW - titleTierSize;
  if (otherOffset >= otherWindow) return null;
  const firstBlock = Math.floor(otherOffset / OTHER_BLOCK);
  const readUpTo = Math.min(otherWindow, (Math.floor((otherOffset + wanted - 1) / OTHER_BLOCK) + 1) * OTHER_BLOCK);
  return { readUpTo, firstBlock, wanted, skip: otherOffset - firstBlock * OTHER_BLOCK };
}

/** The second tier's page from its blocks (a CTE named body): newest first within each block. */
function otherTop(page: OtherPage): Prisma.Sql {
  return sql`top AS (
    SELECT record_id, date_earliest, block FROM body WHERE block >= ${page.firstBlock}
    ORDER BY block, date_earliest DESC, record_id DESC LIMIT ${page.wanted} OFFSET ${page.skip})`;
}
const OTHER_ORDER = sql`top.block, top.date_earliest DESC, sd.record_id DESC`;
