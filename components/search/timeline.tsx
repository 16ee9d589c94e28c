import Link from "@/components/ui/link";
import type { SearchQuery } from "@/server/search/engine";
import { searchHref } from "./search-url";

/** Results per year as a small bar chart; each bar narrows the search to its year. Hand-drawn
 * SVG: a few dozen rectangles need no charting library, and each bar is a real link. */
export function Timeline({ data, state }: { data: { year: number; count: number }[]; state: SearchQuery }) {
  if (data.length < 2) return null;
  const first = data[0]!.year;
  const last = data.at(-1)!.year;
  const span = last - first + 1;
  if (span > 200) return null;
  const byYear = new Map(data.map((d) => [d.year, d.count]));
  const max = Math.max(...data.map((d) => d.count));
  const width = 100 / span;
  return (
    <figure className="mt-2">
      <figcaption className="mb-1 text-xs font-semibold uppercase tracking-wider text-muted">Documents per year</figcaption>
      <svg viewBox="0 0 100 30" preserveAspectRatio="none" className="h-20 w-full" role="group" aria-label="Documents per year: choose a year">
        {Array.from({ length: span }, (_, i) => {
          const year = first + i;
          const count = byYear.get(year) ?? 0;
          if (!count) return null;
          const h = Math.max(2, (count / max) * 28);
          return (
            <Link key={year} href={searchHref(state, { from: year, to: year, page: 1 })} aria-label={`${year}: ${count} document${count === 1 ? "" : "s"}`}>
              <rect x={i * width + width * 0.1} y={30 - h} width={width * 0.8} height={h} className="fill-accent hover:fill-seal">
                <title>{`${year}: ${count}`}</title>
              </rect>
            </Link>
          );
        })}
      </svg>
      <div className="flex justify-between text-xs text-muted"><span>{first}</span><span>{last}</span></div>
    </figure>
  );
}
