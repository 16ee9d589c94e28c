// The filters of a search, as SQL over search_documents (alias sd): facets, year range, the date
// typed in the query. Facet values are keys of the facet_keys column (facetKeys below), indexed
// beside the words, so words and filters meet in one GIN scan.
import { Prisma } from "../../generated/prisma/client";
import type { SearchQuery } from "../engine";
import type { QueryDate } from "../query/dates";
import { PAIRED_KEYS, YEAR_KEYS } from "./tuning";

const { sql, join, raw } = Prisma;

export const ENTITY_FACETS = ["person", "organization", "place", "subject"] as const;

/** A year as PostgreSQL's EXTRACT(YEAR) + 1 before year 1 counts it (astronomical: 1 BC is 0). */
const yearOf = (isoDate: string) => Number(/^([+-]?\d+)-/.exec(isoDate)?.[1] ?? NaN);

/**
 * A document's facet keys, as the index stores them: "c7" collection, "e12" entity, "d1950"
 * decade, "lru" language, "ttelegram" type, each collection and entity paired with the decade
 * ("c7@1950"), and every year of the date ("y1957"; "ylong" past 20 years). Computed here as the
 * document is written: as a generated column (the SQL function dossier_facet_keys_dated, which
 * stays for bulk SQL such as the search benchmark's generator, and which a test holds this to)
 * it was a quarter of each document's write.
 */
export function facetKeys(input: { collectionIds: number[]; entityIds: number[]; decade: number; language: string; documentType: string; dateEarliest: string; dateLatest: string }): string[] {
  const { collectionIds, entityIds, decade } = input;
  const keys = [
    ...collectionIds.map((c) => `c${c}`),
    ...entityIds.map((e) => `e${e}`),
    `d${decade}`,
    `l${input.language}`,
    `t${input.documentType}`,
    ...collectionIds.map((c) => `c${c}@${decade}`),
    ...entityIds.map((e) => `e${e}@${decade}`),
  ];
  const first = yearOf(input.dateEarliest);
  const last = yearOf(input.dateLatest);
  if (last - first < 20) for (let y = first; y <= last; y++) keys.push(`y${y}`);
  else keys.push("ylong");
  return keys;
}

/**
 * A date typed alone (no facet filters; no words is the caller's to know): the records whose dates
 * overlap [from, to], read by walks of date indexes (ranking.ts) that need neither the year keys
 * (which would lead the planner to collect every record of the years and sort them: 230 ms for
 * "1950s" at 500,000 records, 3 ms walked) nor the overlap written out (each walk's own
 * conditions imply it; repeated, they made the planner expect a few rows and sort a year's).
 * `years`: the year-range filter's conditions, if any. `alone`: the condition that finds a long
 * span's records by the date-range index when there are no words.
 */
export type DateWalk = { from: string; to: string; years: Prisma.Sql[]; alone: Prisma.Sql | null };

/** The filters of a search (without its words): facets, the year range and the query's date. */
export function filtersOf(query: SearchQuery, date: QueryDate | null): { filters: Prisma.Sql[]; decadeRange: Prisma.Sql | null; dateWalk: DateWalk | null } {
  // Several values of one facet match any (OR), facets combine (AND).
  const filters: Prisma.Sql[] = [];
  const f = query.filters;
  // Each facet as keys of the facet_keys column, indexed with the words (one GIN scan).
  const keys = (values: string[]) => filters.push(sql`sd.facet_keys && ${values}::text[]`);
  // With decades, collection and entity values are looked up paired with each decade ("c7@1950"):
  // a decade's posting list holds a fifth of an archive, the pair's only the records in both.
  let decadesPaired = false;
  const ids = (prefix: string, values: number[]) => {
    if (values.length === 0) return;
    if (f.decade.length && values.length * f.decade.length <= PAIRED_KEYS) {
      keys(values.flatMap((v) => f.decade.map((d) => `${prefix}${v}@${d}`)));
      decadesPaired = true;
    } else keys(values.map((v) => `${prefix}${v}`));
  };
  ids("c", f.collection);
  for (const facet of ENTITY_FACETS) ids("e", f[facet]);
  if (f.language.length) keys(f.language.map((v) => `l${v}`));
  if (f.type.length) keys(f.type.map((v) => `t${v}`));
  // The decades again as a range of the date index, for walking a large result in date order:
  // the walk starts where those records sit (decade and date are correlated; the planner
  // cannot know). Only there: elsewhere it would AND a 100,000-row date range into the bitmap.
  let decadeRange: Prisma.Sql | null = null;
  if (f.decade.length) {
    if (!decadesPaired) keys(f.decade.map((d) => `d${d}`));
    decadeRange = sql`sd.date_earliest >= ${yearStart(Math.min(...f.decade))} AND sd.date_earliest < ${yearStart(Math.max(...f.decade) + 10)}`;
  }
  // A span of years (the date typed in the query, or both ends of the year range) is first the
  // keys of its years, in the GIN index with the words, then the exact overlap, checked on the
  // rows found (written so that no date index is walked: with a word, the planner would read
  // each row's full-text vector along it).
  const faceted = filters.length > 0;
  const typed = date ? { from: Number(date.from.slice(0, 4)), to: Number(date.to.slice(0, 4)) } : null;
  const range = query.from !== undefined && query.to !== undefined ? { from: query.from, to: query.to } : null;
  for (const span of [typed, range]) {
    if (span && span.to >= span.from && span.to - span.from < YEAR_KEYS) {
      keys([...Array.from({ length: span.to - span.from + 1 }, (_, i) => `y${span.from + i}`), "ylong"]);
    }
  }
  const onRows = (column: string) => raw(`(sd.${column} + 0)`);
  const years: Prisma.Sql[] = [];
  if (query.from !== undefined) years.push(sql`${range ? onRows("date_latest") : raw("sd.date_latest")} >= ${yearStart(query.from)}`);
  if (query.to !== undefined) years.push(sql`${range ? onRows("date_earliest") : raw("sd.date_earliest")} < ${yearStart(query.to + 1)}`);
  filters.push(...years);
  // A date typed in the query: records whose dates overlap it.
  if (date) filters.push(sql`${onRows("date_latest")} >= ${date.from}::date AND ${onRows("date_earliest")} <= ${date.to}::date`);
  // A long span alone ("before 1950", "19th century") has no year keys: without words, the
  // date-range index finds its records (a century with none at once) instead of every row being read.
  const long = typed !== null && typed.to - typed.from >= YEAR_KEYS;
  const dateWalk = date && !faceted ? { from: date.from, to: date.to, years, alone: long ? sql`${DATE_RANGE} && daterange(${date.from}::date, ${date.to}::date, '[]')` : null } : null;
  return { filters, decadeRange, dateWalk };
}

/**
 * 1 January of a year (astronomical numbering, as EDTF: 0 is 1 BC) as a SQL date. PostgreSQL has
 * no year 0 (1 BC is -1) and no date before 4713 BC, so earlier years mean its first day.
 */
export function yearStart(year: number): Prisma.Sql {
  return sql`make_date(${Math.max(year > 0 ? year : year - 1, -4713)}::int, 1, 1)`;
}

/** Each record's dates as a range, written as its index (GiST) is (prisma/migrations/*_search_date_ranges). */
export const DATE_RANGE = sql`daterange(sd.date_earliest, greatest(sd.date_earliest, sd.date_latest), '[]')`;

export function whereOf(conditions: Prisma.Sql[]): Prisma.Sql {
  return conditions.length ? sql`WHERE ${join(conditions, " AND ")}` : sql`WHERE true`;
}
