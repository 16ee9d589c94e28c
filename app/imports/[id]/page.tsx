import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { ImportView } from "@/components/imports/import-view";
import type { PageProps } from "@/components/ui/list-params";
import { PageHeading } from "@/components/ui/page-heading";
import { getApi, nullIfNotFound } from "@/server/api/server-caller";
import { requireRole } from "@/server/auth/guard";
import { idFromParam } from "@/server/slug";

export const metadata: Metadata = { title: "Import" };
export const dynamic = "force-dynamic";

export default async function ImportPage({ params }: PageProps<{ id: string }>) {
  const id = idFromParam((await params).id);
  if (!id) notFound();
  const user = await requireRole("editor", `/imports/${id}`);
  const imp = await nullIfNotFound((await getApi()).imports.byId({ id }));
  if (!imp) notFound();
  return (
    <div>
      <PageHeading eyebrow={`Import ${imp.id}`} title={imp.fileName}>
        <p className="mt-2 text-sm"><Link href="/imports">← All imports</Link></p>
      </PageHeading>
      <ImportView id={imp.id} viewer={{ id: user.id, role: user.role }} />
    </div>
  );
}
