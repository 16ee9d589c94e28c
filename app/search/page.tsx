import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { redirect } from "next/navigation";
import { DOCUMENT_TYPE_LABELS } from "@/components/records/labels";
import { FacetList } from "@/components/search/facet-list";
import { FilterDrawer } from "@/components/search/filter-drawer";
import { ResultsMap } from "@/components/search/results-map";
import { SearchBox } from "@/components/search/search-box";
import { parseSearchUrl, searchHref, toggleFacetHref } from "@/components/search/search-url";
import { Timeline } from "@/components/search/timeline";
import type { PageProps } from "@/components/ui/list-params";
import { Pagination } from "@/components/ui/pagination";
import { QueryNotes } from "@/components/search/query-notes";
import { getApi } from "@/server/api/server-caller";
import { parseQuery } from "@/server/search/query/parse";
import { SEARCH_EXPORT_LIMIT } from "@/server/interchange/search-export";
import { recordPath } from "@/server/slug";
import { DateText } from "@/components/ui/date-text";

export const dynamic = "force-dynamic";

/** The search's export (app/search/export): the same query string, from the first result. */
function exportHref(state: ReturnType<typeof parseSearchUrl>, format: string): string {
  const query = searchHref({ ...state, page: 1 }).split("?")[1];
  return `/search/export?${query ? `${query}&` : ""}format=${format}`;
}

export async function generateMetadata({ searchParams }: PageProps<unknown>): Promise<Metadata> {
  const { q } = parseSearchUrl(await searchParams);
  return { title: q ? `“${q}”: search` : "Search the archive" };
}

export default async function SearchPage({ searchParams }: PageProps<unknown>) {
  const state = parseSearchUrl(await searchParams);
  const result = await (await getApi()).search.query(state).catch((error: unknown) => {
    // A search that cannot be run as typed (control characters, say): say why, keep the box.
    if (error instanceof TRPCError && error.code === "BAD_REQUEST") return error;
    throw error;
  });
  if (result instanceof TRPCError) {
    return (
      <div>
        <SearchBox defaultValue="" large />
        <p role="status" className="mt-8 rounded border border-seal/40 bg-seal/5 px-4 py-3 text-sm text-seal">
          That search cannot be run: {result.message} Type the words again, or <Link href="/search">browse every document</Link>.
        </p>
      </div>
    );
  }
  const from = result.total === 0 ? 0 : (result.page - 1) * result.pageSize + 1;
  const to = from === 0 ? 0 : from + result.hits.length - 1;
  const pageCount = Math.min(Math.ceil(result.reachable / result.pageSize), 1000);
  // A page past the end ("/search?q=Choe&page=2" with 9 results): go to the last page there is.
  if (result.hits.length === 0 && result.page > 1 && result.total > 0) redirect(searchHref(state, { page: Math.max(1, pageCount) }));
  // The places these documents mention, on a map: each dot narrows the search to its place.
  const placeFacet = result.facets.place;
  const onMap = await (await getApi()).entities.places({ ids: placeFacet.map((v) => Number(v.value)).filter(Number.isInteger).slice(0, 200) });
  const activePlaces = state.filters.place.map(String);
  const mapPlaces = onMap.map((p) => ({
    ...p,
    count: placeFacet.find((v) => v.value === String(p.id))?.count ?? 0,
    href: toggleFacetHref(state, "place", String(p.id)),
    active: activePlaces.includes(String(p.id)),
  }));
  const activeFilters =
    Object.values(state.filters).reduce((n, v) => n + v.length, 0) + (state.from !== undefined || state.to !== undefined || result.understood.date !== null ? 1 : 0);
  const filtered = Object.values(state.filters).some((v) => v.length > 0) || state.from !== undefined || state.to !== undefined || result.understood.date !== null;
  const sortLink = (sort: typeof state.sort, label: string) =>
    state.sort === sort ? <span aria-current="true" className="font-semibold text-ink">{label}</span> : <Link href={searchHref(state, { sort, page: 1 })}>{label}</Link>;

  return (
    <div>
      <SearchBox key={state.q} defaultValue={state.q} hiddenSort={state.sort !== "relevance" ? state.sort : undefined} large />

      <div className="mt-8 grid gap-10 lg:grid-cols-[15rem_1fr]">
        <FilterDrawer active={activeFilters} resultsId="results">
          <form action="/search" method="get" className="mb-6 space-y-2 text-sm" aria-label="Date range">
            <h3 className="border-b border-rule pb-1 text-xs font-semibold uppercase tracking-wider text-muted">Date</h3>
            {state.q && <input type="hidden" name="q" value={state.q} />}
            {Object.entries(state.filters).flatMap(([facet, values]) => values.map((v) => <input key={`${facet}${v}`} type="hidden" name={facet} value={String(v)} />))}
            <div className="flex items-center gap-2">
              <label className="sr-only" htmlFor="from">From year</label>
              <input id="from" name="from" inputMode="numeric" pattern="-?[0-9]{1,4}" placeholder="from" defaultValue={state.from ?? ""} className="w-20 rounded border border-stone-300 bg-white px-2 py-1" />
              <span aria-hidden="true">–</span>
              <label className="sr-only" htmlFor="to">To year</label>
              <input id="to" name="to" inputMode="numeric" pattern="-?[0-9]{1,4}" placeholder="to" defaultValue={state.to ?? ""} className="w-20 rounded border border-stone-300 bg-white px-2 py-1" />
              <button type="submit" className="rounded border border-accent px-2 py-1 text-accent">Apply</button>
            </div>
          </form>
          <Timeline data={result.timeline} state={state} />
          <ResultsMap places={mapPlaces} />
          <div className="mt-6">
            <FacetList facets={result.facets} state={state} approximate={result.isEstimate} />
          </div>
        </FilterDrawer>

        <section aria-labelledby="results-heading" className="lg:order-2">
          <h1 id="results-heading" className="sr-only">Search results</h1>
          <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-rule pb-2">
            <p className="text-sm text-muted" role="status">
              {result.total === 0 ? "No documents found" : <>Results: {from} - {to} of {result.isEstimate ? "about " : ""}{result.total.toLocaleString("en")}{result.totalIsLowerBound ? "+" : ""} Documents</>}
            </p>
            <p className="text-sm text-muted">Sort: {sortLink("relevance", "relevance")} · {sortLink("oldest", "oldest")} · {sortLink("newest", "newest")}</p>
          </div>
          <QueryNotes state={state} understood={result.understood} correctedQuery={result.correctedQuery} />
          {filtered && (
            <p className="mt-3 text-sm"><Link href={searchHref({ ...state, q: result.understood.date ? parseQuery(state.q).textWithoutDate : state.q, filters: parseSearchUrl({}).filters, from: undefined, to: undefined, page: 1 })}>Clear all filters</Link></p>
          )}
          {result.total === 0 && (
            <div className="mt-6 rounded border border-dashed border-rule bg-white p-6 text-muted">
              <p>Nothing matches {state.q ? <>“{state.q}”</> : "this search"}{filtered ? " with these filters" : ""}.</p>
              <ul className="mt-2 list-disc pl-5 text-sm">
                {filtered && <li>Remove a filter or widen the date range.</li>}
                <li>Try another spelling of a name, or fewer words.</li>
                <li><Link href="/search">Browse every document</Link>.</li>
              </ul>
            </div>
          )}
          <ol id="results" tabIndex={-1} start={from || 1} className="divide-y divide-rule focus:outline-none" aria-label="Documents">
            {result.hits.map((hit) => (
              <li key={hit.id} className="py-5">
                <article>
                  <p className="text-sm text-muted">
                    <DateText written={hit.dateText} /> · {DOCUMENT_TYPE_LABELS[hit.documentType] ?? hit.documentType}
                  </p>
                  <h2 className="mt-1 font-serif text-xl leading-snug"><Link href={recordPath(hit)}>{hit.title}</Link></h2>
                  <p className="mt-2 leading-relaxed text-ink/85">
                    {hit.summaryParts.map((part, i) => (i % 2 === 1 ? <mark key={i} className="rounded-sm bg-amber-100 px-0.5 text-ink">{part}</mark> : part))}
                  </p>
                  {hit.matchedAs.length > 0 && (
                    <p className="mt-2 text-xs text-muted">Matched as <span className="font-medium text-ink">{hit.matchedAs.join(", ")}</span></p>
                  )}
                </article>
              </li>
            ))}
          </ol>
          <Pagination page={result.page} pageCount={pageCount} href={(p) => searchHref(state, { page: p })} />
          {result.total > 0 && (
            <p className="mt-6 border-t border-rule pt-3 text-sm text-muted">
              Export {result.total > SEARCH_EXPORT_LIMIT ? `the first ${SEARCH_EXPORT_LIMIT} results` : "these results"}:{" "}
              {(["csv", "ris", "bibtex"] as const).map((format, i) => (
                <span key={format}>
                  {i > 0 && " · "}
                  <a href={exportHref(state, format)} download className="underline">{{ csv: "CSV", ris: "RIS", bibtex: "BibTeX" }[format]}</a>
                </span>
              ))}
            </p>
          )}
        </section>
      </div>
    </div>
  );
}
