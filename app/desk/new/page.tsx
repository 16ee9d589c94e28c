import type { Metadata } from "next";
import { RecordEditor } from "@/components/records/record-editor";
import { PageHeading } from "@/components/ui/page-heading";
import { getApi } from "@/server/api/server-caller";
import { requireRole } from "@/server/auth/guard";
import { EMPTY_DRAFT } from "@/server/records/content";

export const metadata: Metadata = { title: "New record" };
export const dynamic = "force-dynamic";

export default async function NewRecordPage() {
  await requireRole("editor", "/desk/new");
  const collections = await (await getApi()).collections.list();
  return (
    <div className="max-w-3xl">
      <PageHeading eyebrow="Editor's desk" title="New record">
        <p className="mt-3 text-muted">Your draft is saved as you type. Submit it when it is ready for review.</p>
      </PageHeading>
      <RecordEditor mode={{ kind: "new" }} initial={EMPTY_DRAFT} initialMessage="" collections={collections} referenceLabels={{}} />
    </div>
  );
}
