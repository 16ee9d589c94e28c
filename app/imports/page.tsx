import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { FORMAT_LABELS, fileSize, ImportStatusBadge } from "@/components/imports/labels";
import { UploadForm } from "@/components/imports/upload-form";
import { ago } from "@/components/ui/age";
import { PageHeading } from "@/components/ui/page-heading";
import { getApi } from "@/server/api/server-caller";
import { requireRole } from "@/server/auth/guard";
import { env } from "@/server/env";

export const metadata: Metadata = { title: "Imports" };
export const dynamic = "force-dynamic";

export default async function ImportsPage() {
  await requireRole("editor", "/imports");
  const imports = await (await getApi()).imports.list();
  return (
    <div>
      <PageHeading eyebrow="Bulk import" title="Import records">
        <p className="mt-3 max-w-2xl text-muted">
          Every file is checked first: you see what it would create and update, which people and places it matches, and every problem, before anything is stored.
          Then it goes to review as one change set, and can be undone as a whole.
        </p>
      </PageHeading>
      <div className="grid gap-8 lg:grid-cols-[1fr_22rem]">
        <section aria-labelledby="imports-heading" className="min-w-0">
          <h2 id="imports-heading" className="font-serif text-2xl font-semibold">Imports</h2>
          {imports.length === 0 ? (
            <p className="mt-4 rounded border border-dashed border-rule bg-white p-6 text-muted">No imports yet. Upload a file to start.</p>
          ) : (
            <ul className="mt-4 divide-y divide-rule rounded border border-rule bg-white">
              {imports.map((imp) => (
                <li key={imp.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 p-4">
                  <div className="min-w-0">
                    <Link href={`/imports/${imp.id}`} className="break-all font-medium">{imp.fileName}</Link>
                    <p className="text-sm text-muted">
                      Import {imp.id} · {FORMAT_LABELS[imp.format]} · {fileSize(imp.fileSize)} · {imp.author.name} · {ago(imp.createdAt)}
                      {imp.dryRun && ` · ${imp.dryRun.create} new, ${imp.dryRun.update} updated${imp.dryRun.withErrors ? `, ${imp.dryRun.withErrors} with errors` : ""}`}
                    </p>
                  </div>
                  <ImportStatusBadge status={imp.status} />
                </li>
              ))}
            </ul>
          )}
        </section>
        <aside aria-label="Upload">
          <UploadForm maxBytes={env.IMPORT_MAX_BYTES} />
          <dl className="mt-4 space-y-2 text-sm">
            <div><dt className="font-medium">CSV</dt><dd className="text-muted">Any delimiter, UTF-8 (or UTF-16, Windows-1252). You say which column is which; save the mapping for the next file.</dd></div>
            <div><dt className="font-medium">JSON Lines</dt><dd className="text-muted">One record per line, as Dossier exports them: imports back without loss.</dd></div>
            <div><dt className="font-medium">TEI</dt><dd className="text-muted">A Foreign Relations (FRUS) volume: each document a record, its people, places, terms and dates linked.</dd></div>
          </dl>
        </aside>
      </div>
    </div>
  );
}
