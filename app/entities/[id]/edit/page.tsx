import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { EntityEditor } from "@/components/entities/entity-editor";
import type { PageProps } from "@/components/ui/list-params";
import { PageHeading } from "@/components/ui/page-heading";
import { getApi, nullIfNotFound } from "@/server/api/server-caller";
import { requireRole } from "@/server/auth/guard";
import { entityPath, idFromParam } from "@/server/slug";

export const metadata: Metadata = { title: "Edit authority record" };
export const dynamic = "force-dynamic";

export default async function EditEntityPage({ params }: PageProps<{ id: string }>) {
  const id = idFromParam((await params).id);
  if (!id) notFound();
  await requireRole("editor", `/entities/${id}/edit`);
  const entity = await nullIfNotFound((await getApi()).entities.forEdit({ id }));
  if (!entity) notFound();
  const content = { type: entity.type, names: entity.names, description: entity.description, datesText: entity.datesText, identifiers: entity.identifiers, coordinates: entity.coordinates };
  const name = content.names.find((n) => n.preferred)?.name ?? "";
  return (
    <div className="max-w-4xl">
      <PageHeading eyebrow="Edit authority record" title={name}>
        <p className="mt-3 text-muted">
          Your edit goes to review; every record that mentions {name} is re-indexed once it is approved.{" "}
          <Link href={entityPath({ id, name })}>Back to the page</Link>
        </p>
      </PageHeading>
      <EntityEditor entityId={id} initial={content} />
    </div>
  );
}
