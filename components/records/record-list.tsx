import Link from "@/components/ui/link";
import type { RecordSummary } from "@/server/records/queries";
import { recordPath } from "@/server/slug";
import { DOCUMENT_TYPE_LABELS } from "./labels";
import { DateText } from "@/components/ui/date-text";

/** A list of records as search results read: date, type, title, summary. */
export function RecordList({ records, start = 1 }: { records: RecordSummary[]; start?: number }) {
  return (
    <ol start={start} className="divide-y divide-rule" aria-label="Documents">
      {records.map((r) => (
        <li key={r.id} className="py-5">
          <article>
            <p className="text-sm text-muted">
              <DateText written={r.dateText} />
              <span aria-hidden="true"> · </span>
              {DOCUMENT_TYPE_LABELS[r.documentType] ?? r.documentType}
            </p>
            <h3 className="mt-1 font-serif text-xl leading-snug">
              <Link href={recordPath(r)}><bdi>{r.title}</bdi></Link>
            </h3>
            <p className="mt-2 leading-relaxed text-ink/85">{r.summary}</p>
          </article>
        </li>
      ))}
    </ol>
  );
}
