import Link from "next/link";

/** Previous/next links that keep the other query parameters. */
export function Pagination({ basePath, params, page, pageCount }: { basePath: string; params: Record<string, string>; page: number; pageCount: number }) {
  if (pageCount <= 1) return null;
  const href = (p: number) => `${basePath}?${new URLSearchParams({ ...params, page: String(p) })}`;
  return (
    <nav aria-label="Pages" className="mt-6 flex items-center justify-between text-sm">
      {page > 1 ? <Link href={href(page - 1)} rel="prev">← Previous</Link> : <span />}
      <span className="text-muted">Page {page} of {pageCount}</span>
      {page < pageCount ? <Link href={href(page + 1)} rel="next">Next →</Link> : <span />}
    </nav>
  );
}
