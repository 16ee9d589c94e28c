"use client";
// A text box with options as you type (the ARIA combobox pattern): arrows move, Enter picks,
// Escape closes. The caller fetches the options for the debounced text.
import { useEffect, useId, useState } from "react";

export interface ComboOption {
  key: string;
  label: string;
  hint?: string;
}

interface Props<T extends ComboOption> {
  label: string;
  placeholder?: string;
  /** Options for the current (debounced) text. */
  options: (text: string) => { options: T[]; loading: boolean };
  onPick: (option: T) => void;
  minLength?: number;
}

export function Combobox<T extends ComboOption>({ label, placeholder, options: useOptions, onPick, minLength = 1 }: Props<T>) {
  const listId = useId();
  const inputId = useId();
  const [value, setValue] = useState("");
  const [debounced, setDebounced] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value.trim()), 120);
    return () => clearTimeout(timer);
  }, [value]);
  const { options, loading } = useOptions(debounced);
  const showList = open && debounced.length >= minLength;

  const pick = (option: T) => {
    onPick(option);
    setValue("");
    setDebounced("");
    setActive(-1);
  };

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (options.length ? (i + step + options.length) % options.length : -1));
    } else if (event.key === "Enter") {
      // Never submit the surrounding form from here.
      event.preventDefault();
      const option = options[active >= 0 ? active : 0];
      if (showList && option) pick(option);
    } else if (event.key === "Escape") {
      setOpen(false);
      setActive(-1);
    }
  }

  return (
    <div className="relative">
      <label htmlFor={inputId} className="text-xs font-medium text-muted">{label}</label>
      <input
        id={inputId} type="text" value={value} autoComplete="off" placeholder={placeholder}
        role="combobox" aria-expanded={showList} aria-controls={listId} aria-autocomplete="list"
        aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
        onChange={(e) => { setValue(e.target.value); setOpen(true); setActive(-1); }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
        className="mt-1 block w-full rounded border border-stone-300 bg-white px-3 py-2 text-sm shadow-sm"
      />
      <ul id={listId} role="listbox" aria-label={label} hidden={!showList}
        className="absolute left-0 right-0 top-full z-20 mt-1 max-h-72 overflow-auto rounded border border-stone-300 bg-white shadow-lg">
        {options.length === 0 && <li className="px-3 py-2 text-sm text-muted">{loading ? "Searching…" : "No match."}</li>}
        {options.map((option, i) => (
          <li key={option.key} id={`${listId}-${i}`} role="option" aria-selected={i === active}
            onMouseDown={(e) => { e.preventDefault(); pick(option); }}
            className={`cursor-pointer px-3 py-2 text-sm ${i === active ? "bg-accent/10" : "hover:bg-stone-50"}`}>
            <span className="font-medium">{option.label}</span>
            {option.hint && <span className="ml-2 text-xs text-muted">{option.hint}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
