import { ago } from "@/components/ui/age";

export function Comments({ comments }: { comments: { id: number; body: string; createdAt: Date; author: { name: string } | null }[] }) {
  if (comments.length === 0) return <p className="text-sm text-muted">No comments yet.</p>;
  return (
    <ol className="space-y-3">
      {comments.map((c) => (
        <li key={c.id} className="rounded border border-rule bg-white p-3 text-sm">
          <p className="text-xs text-muted">
            <span className="font-medium text-ink">{c.author?.name ?? "Someone"}</span> · {ago(c.createdAt)}
          </p>
          <p className="mt-1 whitespace-pre-wrap">{c.body}</p>
        </li>
      ))}
    </ol>
  );
}
