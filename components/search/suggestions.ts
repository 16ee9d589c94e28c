"use client";
// Suggestions for the search box, fetched without the tRPC and TanStack Query clients: the box is
// on every public reading page, which load neither (issue 17, Lighthouse). It calls the public
// `search.suggest` procedure in tRPC's own HTTP form for a query (GET, `input` as superjson), so
// validation, rate limits and errors stay the procedure's; a newer keystroke aborts the older
// request, and answers are remembered for the tab (the suggestions of one prefix rarely change).
import type { inferRouterOutputs } from "@trpc/server";
import { useEffect, useState } from "react";
import superjson from "superjson";
import type { AppRouter } from "@/server/api/root";

export type Suggestions = inferRouterOutputs<AppRouter>["search"]["suggest"];

const remembered = new Map<string, Suggestions>();
const REMEMBER = 200;

async function fetchSuggestions(q: string, signal: AbortSignal): Promise<Suggestions> {
  const input = encodeURIComponent(JSON.stringify(superjson.serialize({ q })));
  const response = await fetch(`/api/trpc/search.suggest?input=${input}`, { signal, headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`Suggestions failed (${response.status})`);
  const body = (await response.json()) as { result: { data: Parameters<typeof superjson.deserialize>[0] } };
  return superjson.deserialize<Suggestions>(body.result.data);
}

/** The suggestions for `q` (already debounced and trimmed); none below two characters or on failure. */
export function useSuggestions(q: string): Suggestions | undefined {
  const [answer, setAnswer] = useState<{ q: string; data: Suggestions } | undefined>();
  useEffect(() => {
    if (q.length < 2 || remembered.has(q)) return;
    const controller = new AbortController();
    fetchSuggestions(q, controller.signal).then(
      (data) => {
        if (remembered.size >= REMEMBER) remembered.delete(remembered.keys().next().value!);
        remembered.set(q, data);
        setAnswer({ q, data });
      },
      () => {}, // aborted by a newer keystroke, or the server said no: the box works without suggestions
    );
    return () => controller.abort();
  }, [q]);
  if (q.length < 2) return undefined;
  return remembered.get(q) ?? (answer?.q === q ? answer.data : undefined);
}
