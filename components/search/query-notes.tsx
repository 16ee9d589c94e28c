// What the search made of the query, said plainly above the results: the date it read (a chip
// that removes it), words it corrected ("did you mean"), words it left out because no document
// has them all, quoted phrases it searched as words because no document has them as typed, each
// with a link to search for exactly what was typed.
import Link from "@/components/ui/link";
import { searchHref } from "@/components/search/search-url";
import type { SearchQuery, Understood } from "@/server/search/engine";
import { parseQuery } from "@/server/search/query/parse";

const list = (words: string[]) =>
  words.map((w, i) => (
    <span key={w}>
      {i > 0 && (i === words.length - 1 ? " and " : ", ")}
      <em className="font-semibold not-italic">{w}</em>
    </span>
  ));

export function QueryNotes({ state, understood, correctedQuery }: { state: SearchQuery; understood: Understood; correctedQuery: string | null }) {
  const exactHref = searchHref(state, { exact: true, page: 1 });
  // The query as typed, in quotes unless it holds its own.
  const typed = /["“”„«»]/.test(state.q) ? state.q : `“${state.q}”`;
  const date = understood.date ?? understood.dateOmitted;
  const withoutDate = date ? searchHref(state, { q: parseQuery(state.q).textWithoutDate, page: 1 }) : null;
  return (
    <div className="space-y-2">
      {date && withoutDate && (
        <p className="mt-3 flex flex-wrap items-center gap-2 text-sm">
          <span className="text-muted">Date in your search:</span>
          <span className="inline-flex items-center gap-1 rounded-full border border-accent/40 bg-accent/5 px-3 py-0.5">
            <time dateTime={date.from === date.to ? date.from : `${date.from}/${date.to}`}>{date.label}</time>
            <Link href={withoutDate} aria-label={`Remove the date ${date.label}`} className="ml-1 no-underline">×</Link>
          </span>
          {understood.dateOmitted && <span>No document from {understood.dateOmitted.label} has your words; showing documents from any date.</span>}
        </p>
      )}
      {understood.loosened.length > 0 && (
        <p className="mt-3 text-sm" role="note">
          No document has {understood.loosened.length === 1 ? "the phrase" : "the phrases"} {list(understood.loosened)} as typed; showing documents with {understood.loosened.length === 1 ? "its" : "their"} words in any order.{" "}
          {understood.omitted.length === 0 && <Link href={exactHref}>Search for exactly {typed}</Link>}
        </p>
      )}
      {understood.omitted.length > 0 && (
        <p className="mt-3 text-sm" role="note">
          No document has all of your words; showing results without {list(understood.omitted)}.{" "}
          <Link href={exactHref}>Search for exactly {typed}</Link>
        </p>
      )}
      {correctedQuery && (
        <p className="mt-3 text-sm" role="note">
          Did you mean <Link href={searchHref(state, { q: correctedQuery, page: 1 })} className="font-semibold">{correctedQuery}</Link>? Showing results for it.{" "}
          <Link href={exactHref}>Search for exactly {typed}</Link>
        </p>
      )}
      {state.exact && (
        <p className="mt-3 text-sm text-muted">
          Exact search: no typo correction, every word required. <Link href={searchHref(state, { exact: false, page: 1 })}>Allow near matches</Link>
        </p>
      )}
    </div>
  );
}
