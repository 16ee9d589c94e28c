/** Sort and page from a URL's query, forgiving: anything unreadable falls back to the default. */
export function listParams(query: Record<string, string | string[] | undefined>) {
  const sort: "asc" | "desc" = query.sort === "desc" ? "desc" : "asc";
  const pageNumber = Number(typeof query.page === "string" ? query.page : 1);
  const page = Number.isInteger(pageNumber) && pageNumber >= 1 && pageNumber <= 100_000 ? pageNumber : 1;
  return { sort, page };
}

export type PageProps<P> = { params: Promise<P>; searchParams: Promise<Record<string, string | string[] | undefined>> };
