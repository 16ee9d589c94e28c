import Link from "@/components/ui/link";
import type { RecordsPage } from "@/server/records/queries";

/** "Results: 1 - 9 of 9" and the sort switch. */
export function ResultsHeader({ page, basePath, sort }: { page: RecordsPage; basePath: string; sort: "asc" | "desc" }) {
  const option = (value: "asc" | "desc", label: string) =>
    value === sort ? (
      <span aria-current="true" className="font-semibold text-ink">{label}</span>
    ) : (
      <Link href={`${basePath}?sort=${value}`}>{label}</Link>
    );
  return (
    <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-rule pb-2">
      <p className="text-sm text-muted" role="status">
        {page.total === 0 ? "No results" : <>Results: {page.from} - {page.to} of {page.total}</>}
      </p>
      <p className="text-sm text-muted">
        Sort by date: {option("asc", "oldest first")} · {option("desc", "newest first")}
      </p>
    </div>
  );
}
