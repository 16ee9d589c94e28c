// One way to show a document's date everywhere (issue 17, item 9): read from the parsed date, not
// from how each editor typed it, so "1950-09-29" and "30 September 1950" stand side by side as
// "29 September 1950" and "30 September 1950". The text as written stays on the record page.
import { LONG_MONTHS, parseImpreciseDate } from "./imprecise-date";

export interface DisplayDate {
  /** "29 September 1950", "September–October 1950", "circa 1957", "1955?", "1950s". */
  text: string;
  /** For <time datetime>: the earliest day at the date's own precision ("1950-09", "1957"). */
  machine: string | null;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
  return `${n}${suffix}`;
}

interface Side {
  year: number;
  month?: number;
  day?: number;
  decade?: boolean;
  century?: boolean;
}

function sideOf(value: string): Side | null {
  let m: RegExpMatchArray | null;
  if ((m = value.match(/^(\d{4})-(\d{2})-(\d{2})$/))) return { year: +m[1]!, month: +m[2]!, day: +m[3]! };
  if ((m = value.match(/^(\d{4})-(\d{2})$/))) return { year: +m[1]!, month: +m[2]! };
  if ((m = value.match(/^(\d{4})$/))) return { year: +m[1]! };
  if ((m = value.match(/^(\d{3})X$/))) return { year: +m[1]! * 10, decade: true };
  if ((m = value.match(/^(\d{2})XX$/))) return { year: +m[1]! * 100, century: true };
  return null;
}

function sideText(s: Side, omitYear = false, omitMonth = false): string {
  if (s.century) return `${ordinal(s.year / 100 + 1)} century`;
  if (s.decade) return `${s.year}s`;
  const year = omitYear ? "" : String(s.year);
  if (s.day) return [String(s.day), omitMonth ? "" : LONG_MONTHS[s.month! - 1], year].filter(Boolean).join(" ");
  if (s.month) return [LONG_MONTHS[s.month - 1], year].filter(Boolean).join(" ");
  return year;
}

function machineOf(s: Side): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return s.day ? `${s.year}-${pad(s.month!)}-${pad(s.day)}` : s.month ? `${s.year}-${pad(s.month)}` : String(s.year).padStart(4, "0");
}

/** A date as Dossier shows it; the text as written when it is not one Dossier can read. */
export function displayDate(written: string): DisplayDate {
  let edtf: string;
  try {
    edtf = parseImpreciseDate(written).edtf;
  } catch {
    return { text: written, machine: null };
  }
  const approximate = /[~%]/.test(edtf);
  const uncertain = /[?%]/.test(edtf);
  const sides = edtf.replace(/[~?%]/g, "").split("/").map(sideOf);
  if (sides.some((s) => s === null) || sides.length > 2) return { text: written, machine: null };
  const [from, to] = sides as [Side, Side | undefined];
  let text: string;
  if (!to) text = sideText(from);
  else {
    const sameYear = !from.decade && !from.century && !to.decade && !to.century && from.year === to.year;
    const sameShape = !!from.month === !!to.month && !!from.day === !!to.day;
    const sameMonth = sameYear && from.month === to.month;
    // "24–26 July 1957", "September–October 1950", else each end in full: "1950 – March 1953".
    text = sameYear && sameShape && (from.month || from.day)
      ? `${sideText(from, true, sameMonth && !!from.day)}–${sideText(to)}`
      : `${sideText(from)} – ${sideText(to)}`;
  }
  return { text: `${approximate ? "circa " : ""}${text}${uncertain ? "?" : ""}`, machine: machineOf(from) };
}
