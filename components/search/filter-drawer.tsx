"use client";
// Search filters on a phone: closed behind a "Filters" button above the results, so the first result
// is the first thing read and reached; open, they unfold in place. On wide screens they are always
// shown beside the results, with a skip link to the results first (issue 17, item 3).
import { useState } from "react";

export function FilterDrawer({ active, resultsId, children }: { active: number; resultsId: string; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <aside aria-label="Filters" className="lg:order-1">
      <a href={`#${resultsId}`} className="sr-only focus:not-sr-only focus:mb-3 focus:inline-block focus:rounded focus:bg-accent focus:px-3 focus:py-1 focus:text-white">
        Skip to results
      </a>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="search-filters"
        onClick={() => setOpen((o) => !o)}
        className="flex w-full items-center justify-between rounded border border-rule bg-white px-3 py-2 text-sm font-medium lg:hidden"
      >
        <span>Filters{active > 0 ? ` · ${active} active` : ""}</span>
        <span aria-hidden="true">{open ? "▴" : "▾"}</span>
      </button>
      <div id="search-filters" className={open ? "mt-4 block" : "hidden lg:block"}>
        {children}
      </div>
    </aside>
  );
}
