import type { Metadata } from "next";
import { EntityEditor } from "@/components/entities/entity-editor";
import { PageHeading } from "@/components/ui/page-heading";
import { requireRole } from "@/server/auth/guard";

export const metadata: Metadata = { title: "New authority record" };
export const dynamic = "force-dynamic";

export default async function NewEntityPage() {
  await requireRole("editor", "/entities/new");
  return (
    <div className="max-w-4xl">
      <PageHeading eyebrow="Authority records" title="New person, organization, place or subject">
        <p className="mt-3 text-muted">A reviewer approves it before it can be linked from published records.</p>
      </PageHeading>
      <EntityEditor initial={{ type: "person", names: [{ name: "", language: "", preferred: true }], description: "", datesText: "", identifiers: [], coordinates: null }} />
    </div>
  );
}
