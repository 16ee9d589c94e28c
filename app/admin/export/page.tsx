import type { Metadata } from "next";
import { ArchiveExport } from "@/components/admin/archive-export";
import { PageHeading } from "@/components/ui/page-heading";
import { requireRole } from "@/server/auth/guard";
import { db } from "@/server/db";
import { archiveExportSize } from "@/server/interchange/archive-export";

export const metadata: Metadata = { title: "Export the archive" };
export const dynamic = "force-dynamic";

export default async function ExportPage() {
  await requireRole("admin", "/admin/export");
  const size = await archiveExportSize(db);
  return (
    <div className="max-w-3xl">
      <PageHeading eyebrow="Admin" title="Export the archive">
        <p className="mt-3 text-muted">
          Every published record ({size.toLocaleString("en")}) with its people, places, subjects, collections, links and revision number. Withdrawn
          records and drafts are not included.
        </p>
      </PageHeading>
      <ArchiveExport records={size} />
      <section aria-labelledby="formats-heading" className="mt-10 text-sm leading-relaxed">
        <h2 id="formats-heading" className="font-serif text-xl font-semibold">Which format</h2>
        <p className="mt-2">
          <strong>JSON Lines</strong> is Dossier&rsquo;s own interchange shape, one record per line: nothing is lost, and a bulk import of the file
          changes nothing (or exactly what you edited in it). <strong>CSV</strong> opens in a spreadsheet; lists (names, collections) are separated
          by semicolons, and its column names are the ones the import&rsquo;s mapping step recognizes. Both are described in the import guide (<code>docs/import.md</code> in Dossier&rsquo;s repository).
        </p>
      </section>
    </div>
  );
}
