import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { QueueTable } from "@/components/review/queue-table";
import { age } from "@/components/ui/age";
import type { PageProps } from "@/components/ui/list-params";
import { PageHeading } from "@/components/ui/page-heading";
import { Pagination } from "@/components/ui/pagination";
import { getApi } from "@/server/api/server-caller";
import { requireRole } from "@/server/auth/guard";

export const metadata: Metadata = { title: "Review queue" };
export const dynamic = "force-dynamic";

const AGES = [
  ["", "Any age"],
  ["1", "Waiting 1 day or more"],
  ["3", "Waiting 3 days or more"],
  ["7", "Waiting a week or more"],
] as const;

const PAGE_SIZE = 50;

export default async function ReviewPage({ searchParams }: PageProps<object>) {
  await requireRole("reviewer", "/review");
  const query = await searchParams;
  const one = (key: string) => (typeof query[key] === "string" ? (query[key] as string) : "");
  const positive = (value: string) => (/^\d{1,6}$/.test(value) && Number(value) > 0 ? Number(value) : undefined);
  const filter = {
    authorId: one("author") || undefined,
    collectionId: positive(one("collection")),
    minAgeDays: positive(one("age")),
    page: positive(one("page")) ?? 1,
    pageSize: PAGE_SIZE,
  };
  const api = await getApi();
  const [queue, collections, account] = await Promise.all([api.changeRequests.queue(filter), api.collections.list(), api.account.overview()]);
  const filtered = !!(filter.authorId || filter.collectionId || filter.minAgeDays);

  return (
    <div>
      <PageHeading eyebrow="Review" title="Review queue">
        <p className="mt-3 text-lg" role="status" aria-label="Backlog">
          <strong>{queue.backlog}</strong> pending
          {queue.oldestSubmittedAt && <> · oldest waiting <strong>{age(queue.oldestSubmittedAt)}</strong></>}
        </p>
      </PageHeading>

      <form className="mb-6 flex flex-wrap items-end gap-4 text-sm" action="/review">
        <label className="flex flex-col gap-1">
          <span className="font-medium">Author</span>
          <select name="author" defaultValue={filter.authorId ?? ""} className="rounded border border-stone-300 bg-white px-2 py-1.5">
            <option value="">Anyone</option>
            {queue.authors.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-medium">Collection</span>
          <select name="collection" defaultValue={filter.collectionId ?? ""} className="rounded border border-stone-300 bg-white px-2 py-1.5">
            <option value="">Any collection</option>
            {collections.map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-medium">Age</span>
          <select name="age" defaultValue={one("age")} className="rounded border border-stone-300 bg-white px-2 py-1.5">
            {AGES.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </label>
        <button type="submit" className="rounded border border-accent px-3 py-1.5 text-accent">Filter</button>
        {filtered && <Link href="/review" className="py-1.5">Clear filters</Link>}
        {filtered && <span className="py-1.5 text-muted">{queue.matching} matching</span>}
      </form>

      {queue.requests.length === 0 ? (
        <p className="rounded border border-dashed border-rule bg-white p-6 text-muted">
          {filtered ? "No pending request matches these filters." : "Nothing is waiting for review."}
        </p>
      ) : (
        <QueueTable requests={queue.requests.map((r) => ({ ...r, waiting: r.submittedAt ? age(r.submittedAt) : "—" }))} shortcuts={account.preferences.reviewShortcuts} />
      )}
      <Pagination
        page={filter.page}
        pageCount={Math.ceil(queue.matching / PAGE_SIZE)}
        href={(page) => `/review?${new URLSearchParams({ ...(filter.authorId ? { author: filter.authorId } : {}), ...(filter.collectionId ? { collection: String(filter.collectionId) } : {}), ...(filter.minAgeDays ? { age: String(filter.minAgeDays) } : {}), page: String(page) })}`}
      />
    </div>
  );
}
