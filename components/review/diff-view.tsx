// A field-level diff: changed fields only; text word by word, lists as added and removed items.
// What people wrote is isolated in <bdi> (any script or direction; never read as the page's own words).
import type { ContentDiff, FieldDiff } from "@/server/review/diff";

function FieldChange({ change }: { change: FieldDiff }) {
  switch (change.kind) {
    case "text":
      return (
        <p className="whitespace-pre-wrap font-serif leading-relaxed"><bdi>
          {change.parts.map((part, i) =>
            part.added ? (
              <ins key={i} className="rounded-sm bg-emerald-100 text-emerald-950 no-underline">{part.value}</ins>
            ) : part.removed ? (
              <del key={i} className="rounded-sm bg-red-100 text-red-900">{part.value}</del>
            ) : (
              <span key={i}>{part.value}</span>
            ),
          )}
        </bdi></p>
      );
    case "value":
      return (
        <p>
          <del className="rounded-sm bg-red-100 px-1 text-red-900"><bdi>{change.before}</bdi></del>
          <span aria-hidden className="mx-2 text-muted">→</span>
          <ins className="rounded-sm bg-emerald-100 px-1 text-emerald-950 no-underline"><bdi>{change.after}</bdi></ins>
        </p>
      );
    case "list":
      return (
        <ul className="space-y-1">
          {change.removed.map((item) => (
            <li key={`-${item}`}><del className="rounded-sm bg-red-100 px-1 text-red-900"><span className="sr-only">Removed: </span>− <bdi>{item}</bdi></del></li>
          ))}
          {change.added.map((item) => (
            <li key={`+${item}`}><ins className="rounded-sm bg-emerald-100 px-1 text-emerald-950 no-underline"><span className="sr-only">Added: </span>+ <bdi>{item}</bdi></ins></li>
          ))}
        </ul>
      );
  }
}

export function DiffView({ diff, empty = "No fields changed." }: { diff: ContentDiff; empty?: string }) {
  if (diff.fields.length === 0) return <p className="rounded border border-dashed border-rule bg-white p-4 text-muted">{empty}</p>;
  return (
    <dl className="divide-y divide-rule rounded border border-rule bg-white" aria-label="Changes">
      {diff.fields.map((change) => (
        <div key={change.field} className="grid gap-2 p-4 sm:grid-cols-[11rem_1fr]" data-field={change.field}>
          <dt className="text-sm font-medium text-muted">
            {change.label}
            {change.kind === "text" && (
              <span className="block text-xs font-normal">+{change.wordsAdded} / −{change.wordsRemoved} words</span>
            )}
          </dt>
          <dd className="min-w-0 text-sm">
            <FieldChange change={change} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** "3 fields · +12 −4 words" */
export function changeSize(change: { fields: number; wordsAdded: number; wordsRemoved: number }) {
  const fields = `${change.fields} field${change.fields === 1 ? "" : "s"}`;
  return change.wordsAdded || change.wordsRemoved ? `${fields} · +${change.wordsAdded} −${change.wordsRemoved} words` : fields;
}
