"use client";
// The author's actions on a submitted request: withdraw it, and comment.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";

export function WithdrawRequest({ id, version, draft = false }: { id: number; version: number; draft?: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const withdraw = useMutation(trpc.changeRequests.withdraw.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div>
      <button
        type="button"
        onClick={() => {
          const question = draft ? "Discard this draft? It is kept in your list as withdrawn." : "Withdraw this change request? It will leave the review queue.";
          if (window.confirm(question)) withdraw.mutate({ id, expectedVersion: version });
        }}
        disabled={withdraw.isPending}
        className="rounded border border-seal px-3 py-1.5 text-sm text-seal disabled:opacity-50"
      >
        {draft ? "Discard draft" : "Withdraw request"}
      </button>
      {withdraw.error && <p role="alert" className="mt-2 text-sm text-seal">{withdraw.error.message}</p>}
    </div>
  );
}

export function CommentForm({ id }: { id: number }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [body, setBody] = useState("");
  const comment = useMutation(
    trpc.changeRequests.comment.mutationOptions({
      onSuccess: () => {
        setBody("");
        router.refresh();
      },
    }),
  );
  return (
    <form
      className="mt-4 space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        comment.mutate({ id, body });
      }}
    >
      <label htmlFor={`comment-${id}`} className="text-sm font-medium">Add a comment</label>
      <textarea id={`comment-${id}`} value={body} onChange={(e) => setBody(e.target.value)} rows={2} maxLength={5000}
        className="block w-full rounded border border-stone-300 bg-white px-3 py-2 text-sm" />
      {comment.error && <p role="alert" className="text-sm text-seal">{comment.error.message}</p>}
      <button type="submit" disabled={comment.isPending || body.trim() === ""} className="rounded border border-accent px-3 py-1.5 text-sm text-accent disabled:opacity-50">
        Comment
      </button>
    </form>
  );
}
