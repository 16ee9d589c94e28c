"use client";
// The search box with suggestions as you type (ARIA combobox): names in any spelling lead to a
// search for that name, titles lead to the record. Without JavaScript it is a plain GET form.
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { useSuggestions } from "@/components/search/suggestions";
import { recordPath } from "@/server/slug";

type Option = { key: string; label: string; hint: string; href: string };

export function SearchBox({ defaultValue = "", hiddenSort, large = false, id = "q" }: { defaultValue?: string; hiddenSort?: string; large?: boolean; id?: string }) {
  const router = useRouter();
  const listId = useId();
  const [value, setValue] = useState(defaultValue);
  const [debounced, setDebounced] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value.trim()), 150);
    return () => clearTimeout(timer);
  }, [value]);

  const suggestions = useSuggestions(debounced);
  const options: Option[] = [
    ...(suggestions?.names ?? []).map((n) => ({
      key: `n${n.entityId}`,
      label: n.name,
      hint: n.name === n.preferred ? n.type : `${n.type} · ${n.preferred}`,
      href: `/search?q=${encodeURIComponent(n.name)}`,
    })),
    ...(suggestions?.records ?? []).map((r) => ({ key: `r${r.id}`, label: r.title, hint: r.date, href: recordPath(r) })),
  ];
  const showList = open && debounced.length >= 2 && options.length > 0;

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (!showList) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      // -1 is the text box itself; the arrows cycle through it and the options.
      setActive((i) => ((i + 1 + step + options.length + 1) % (options.length + 1)) - 1);
    } else if (event.key === "Enter" && active >= 0 && options[active]) {
      event.preventDefault();
      setOpen(false);
      router.push(options[active]!.href);
    } else if (event.key === "Escape") {
      setOpen(false);
      setActive(-1);
    }
  }

  return (
    <form action="/search" method="get" role="search" className="relative flex gap-2" onSubmit={() => setOpen(false)}>
      <label htmlFor={id} className="sr-only">Search the archive</label>
      <input
        id={id} name="q" type="search" value={value} autoComplete="off"
        placeholder="A name in any spelling, a place, a subject…"
        role="combobox" aria-expanded={showList} aria-controls={listId} aria-autocomplete="list"
        aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
        onChange={(e) => { setValue(e.target.value); setOpen(true); setActive(-1); }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
        className={`min-w-0 flex-1 rounded border border-stone-300 bg-white px-4 shadow-sm ${large ? "py-2.5 text-lg" : "py-2.5"}`}
      />
      {hiddenSort && <input type="hidden" name="sort" value={hiddenSort} />}
      <button type="submit" className="rounded bg-accent px-5 py-2.5 font-medium text-white hover:bg-accent-strong">Search</button>
      <ul id={listId} role="listbox" aria-label="Suggestions" hidden={!showList}
        className="absolute left-0 right-24 top-full z-20 mt-1 overflow-hidden rounded border border-stone-300 bg-white shadow-lg">
        {options.map((option, i) => (
          <li key={option.key} id={`${listId}-${i}`} role="option" aria-selected={i === active}
            onMouseDown={(e) => { e.preventDefault(); setOpen(false); router.push(option.href); }}
            className={`cursor-pointer px-4 py-2 text-sm ${i === active ? "bg-accent/10" : "hover:bg-stone-50"}`}>
            <span className="font-medium">{option.label}</span>
            <span className="ml-2 text-xs text-muted">{option.hint}</span>
          </li>
        ))}
      </ul>
    </form>
  );
}
