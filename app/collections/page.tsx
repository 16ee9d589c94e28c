import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { PageHeading } from "@/components/ui/page-heading";
import { getApi } from "@/server/api/server-caller";
import { collectionPath } from "@/server/slug";

export const metadata: Metadata = { title: "Collections" };
export const dynamic = "force-dynamic";

export default async function CollectionsPage() {
  const collections = await (await getApi()).collections.list();
  return (
    <div>
      <PageHeading eyebrow="Browse" title="Collections">
        <nav aria-label="Kinds" className="mt-3 flex flex-wrap gap-4 text-sm">
          <Link href="/browse/people">People</Link>
          <Link href="/browse/organizations">Organizations</Link>
          <Link href="/browse/places">Places</Link>
          <Link href="/browse/subjects">Subjects</Link>
          <span className="font-semibold">Collections</span>
        </nav>
      </PageHeading>
      <ul className="divide-y divide-rule">
        {collections.map((c) => (
          <li key={c.id} className="py-4">
            <Link href={collectionPath(c)} className="font-serif text-xl">{c.title}</Link>
            <span className="ml-3 text-sm text-muted">{c.recordCount} document{c.recordCount === 1 ? "" : "s"}</span>
            {c.description && <p className="mt-1 text-sm text-muted">{c.description}</p>}
          </li>
        ))}
      </ul>
    </div>
  );
}
