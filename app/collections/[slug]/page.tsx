import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { RecordList } from "@/components/records/record-list";
import { ResultsHeader } from "@/components/records/results-header";
import { listParams, type PageProps } from "@/components/ui/list-params";
import { PageHeading } from "@/components/ui/page-heading";
import { Pagination } from "@/components/ui/pagination";
import { getApi, nullIfNotFound } from "@/server/api/server-caller";

export const dynamic = "force-dynamic";

const PAGE_SIZE = 20;

/** Memoized per request (on plain values): the metadata and the page share one lookup. */
const lookup = cache(async (slug: string, sort: "asc" | "desc", page: number) => {
  if (!/^[a-z0-9-]{1,200}$/.test(slug)) notFound();
  const data = await nullIfNotFound((await getApi()).collections.bySlug({ slug, sort, page, pageSize: PAGE_SIZE }));
  if (!data) notFound();
  return { ...data, sort, page };
});

function load(slug: string, query: Awaited<PageProps<unknown>["searchParams"]>) {
  const { sort, page } = listParams(query);
  return lookup(slug, sort, page);
}

export async function generateMetadata({ params, searchParams }: PageProps<{ slug: string }>): Promise<Metadata> {
  const { collection } = await load((await params).slug, await searchParams);
  return {
    title: collection.title,
    description: collection.description,
    alternates: { types: { "application/atom+xml": [{ url: `/collections/${collection.slug}/feed.xml`, title: `New documents in ${collection.title}` }] } },
  };
}

export default async function CollectionPage({ params, searchParams }: PageProps<{ slug: string }>) {
  const { collection, records, sort, page } = await load((await params).slug, await searchParams);
  const basePath = `/collections/${collection.slug}`;
  return (
    <div>
      <PageHeading eyebrow="Collection" title={collection.title}>
        {collection.description && <p className="mt-3 max-w-3xl text-lg leading-relaxed">{collection.description}</p>}
      </PageHeading>
      <ResultsHeader page={records} basePath={basePath} sort={sort} />
      <RecordList records={records.records} start={records.from || 1} />
      <Pagination page={page} pageCount={Math.ceil(records.total / PAGE_SIZE)} href={(p) => `${basePath}?sort=${sort}&page=${p}`} />
    </div>
  );
}
