const STYLES: Record<string, string> = {
  draft: "bg-stone-100 text-stone-700",
  pending: "bg-amber-100 text-amber-900",
  sent_back: "bg-orange-100 text-orange-900",
  approved: "bg-emerald-100 text-emerald-900",
  rejected: "bg-red-100 text-red-900",
  withdrawn: "bg-stone-200 text-stone-700",
};

export function StateBadge({ state }: { state: string }) {
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${STYLES[state] ?? ""}`}>{state.replace("_", " ")}</span>;
}
