import Link from "@/components/ui/link";
import { RecordList } from "@/components/records/record-list";
import { SearchBox } from "@/components/search/search-box";
import { getApi } from "@/server/api/server-caller";
import { collectionPath } from "@/server/slug";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const api = await getApi();
  const [recent, collections] = await Promise.all([api.records.recent({ limit: 6 }), api.collections.list()]);
  return (
    <div className="grid gap-12 lg:grid-cols-[1fr_18rem]">
      <div>
        <section aria-labelledby="intro" className="mb-10">
          <h1 id="intro" className="font-serif text-4xl font-semibold leading-tight">
            Documents of the Cold War, read in full and linked by name
          </h1>
          <p className="mt-4 max-w-2xl text-lg leading-relaxed text-muted">
            Telegrams, ambassadors&rsquo; journals and the notes of meetings, with every person, place and subject
            linked across the spellings the sources use.
          </p>
          <div className="mt-6 max-w-2xl">
            <SearchBox id="home-q" />
          </div>
        </section>
        <section aria-labelledby="recent">
          <h2 id="recent" className="border-b border-rule pb-2 font-serif text-2xl font-semibold">Recently published</h2>
          {recent.length ? <RecordList records={recent} /> : <p className="py-6 text-muted">No documents have been published yet.</p>}
        </section>
      </div>
      <aside aria-labelledby="collections-heading">
        <h2 id="collections-heading" className="border-b border-rule pb-2 font-serif text-2xl font-semibold">Collections</h2>
        <ul className="divide-y divide-rule">
          {collections.map((c) => (
            <li key={c.id} className="py-4">
              <Link href={collectionPath(c)} className="font-medium">{c.title}</Link>
              <p className="mt-1 text-sm text-muted">{c.description}</p>
              <p className="mt-1 text-xs uppercase tracking-wide text-muted">
                {c.recordCount} {c.recordCount === 1 ? "document" : "documents"}
              </p>
            </li>
          ))}
        </ul>
      </aside>
    </div>
  );
}
