// The whole search state lives in the URL (shareable; back and forward work). This reads it
// forgivingly (anything unreadable is dropped) and writes it back.
import { FACETS, type Facet, type SearchQuery } from "@/server/search/engine";

type Query = Record<string, string | string[] | undefined>;

const NUMERIC_FACETS: Facet[] = ["collection", "person", "organization", "place", "subject", "decade"];
const all = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const int = (v: string | undefined) => (v !== undefined && /^-?\d{1,5}$/.test(v) ? Number(v) : undefined);

export function parseSearchUrl(query: Query): SearchQuery {
  const filters = Object.fromEntries(
    FACETS.map((facet) => {
      const values = all(query[facet]).slice(0, 20);
      return [
        facet,
        NUMERIC_FACETS.includes(facet)
          ? values.map(int).filter((n): n is number => n !== undefined && (facet === "decade" || n > 0))
          : values.filter((v) => /^[a-z_-]{1,40}$/i.test(v)),
      ];
    }),
  ) as SearchQuery["filters"];
  let from = int(all(query.from)[0]);
  let to = int(all(query.to)[0]);
  if (from !== undefined && to !== undefined && from > to) [from, to] = [to, from]; // reversed range: read it the right way round
  const sort = all(query.sort)[0];
  const page = int(all(query.page)[0]);
  return {
    q: (all(query.q)[0] ?? "").slice(0, 500),
    filters,
    from: from !== undefined && Math.abs(from) <= 5000 ? from : undefined,
    to: to !== undefined && Math.abs(to) <= 5000 ? to : undefined,
    sort: sort === "oldest" || sort === "newest" ? sort : "relevance",
    exact: all(query.exact)[0] === "1",
    page: page !== undefined && page >= 1 && page <= 1000 ? page : 1,
    pageSize: 20,
  };
}

export function searchHref(state: SearchQuery, change: Partial<Omit<SearchQuery, "filters">> & { filters?: Partial<SearchQuery["filters"]> } = {}): string {
  const next = { ...state, ...change, filters: { ...state.filters, ...change.filters } };
  const params = new URLSearchParams();
  if (next.q) params.set("q", next.q);
  for (const facet of FACETS) for (const value of next.filters[facet]) params.append(facet, String(value));
  if (next.from !== undefined) params.set("from", String(next.from));
  if (next.to !== undefined) params.set("to", String(next.to));
  if (next.sort !== "relevance") params.set("sort", next.sort);
  if (next.exact) params.set("exact", "1");
  if (next.page > 1) params.set("page", String(next.page));
  const s = params.toString();
  return s ? `/search?${s}` : "/search";
}

/** The URL with one facet value switched on or off (back to page 1). */
export function toggleFacetHref(state: SearchQuery, facet: Facet, value: string): string {
  const current = state.filters[facet] as (string | number)[];
  const typed = NUMERIC_FACETS.includes(facet) ? Number(value) : value;
  const on = current.some((v) => String(v) === value);
  return searchHref(state, { page: 1, filters: { [facet]: on ? current.filter((v) => String(v) !== value) : [...current, typed] } });
}
