import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound, redirect } from "next/navigation";
import { RecordEditor } from "@/components/records/record-editor";
import type { PageProps } from "@/components/ui/list-params";
import { PageHeading } from "@/components/ui/page-heading";
import { getApi, nullIfNotFound } from "@/server/api/server-caller";
import { requireRole } from "@/server/auth/guard";
import { idFromParam, recordPath } from "@/server/slug";

export const metadata: Metadata = { title: "Edit record" };
export const dynamic = "force-dynamic";

/** Resumes the editor's open draft for this record, or starts one from the current revision. */
export default async function EditRecordPage({ params }: PageProps<{ id: string }>) {
  const id = idFromParam((await params).id);
  if (!id) notFound();
  await requireRole("editor", `/records/${id}/edit`);
  const api = await getApi();
  const start = await nullIfNotFound(api.changeRequests.startEdit({ recordId: id })).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "CONFLICT") return error;
    throw error;
  });
  if (!start) notFound();
  if (start instanceof TRPCError) {
    return (
      <div className="max-w-2xl">
        <PageHeading eyebrow="Edit record" title="This record cannot be edited now" />
        <p role="alert" className="text-seal">{start.message}</p>
      </div>
    );
  }
  if (start.draftId) redirect(`/desk/requests/${start.draftId}`);
  const collections = await api.collections.list();
  const content = start.content!;
  return (
    <div className="max-w-3xl">
      <PageHeading eyebrow="Edit record" title={content.title}>
        <p className="mt-3 text-muted">
          Your changes are saved as a draft as you type; the public sees them only after review.{" "}
          <Link href={recordPath({ id, title: content.title })}>Back to the record</Link>
        </p>
      </PageHeading>
      <RecordEditor
        mode={{ kind: "edit", recordId: id, baseRevisionId: start.baseRevisionId! }}
        initial={content}
        initialMessage=""
        collections={collections}
        referenceLabels={start.labels}
      />
    </div>
  );
}
