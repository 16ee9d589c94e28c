// Dates as readers type them in the search box: "1957", "July 1957", "24 July 1957",
// "July 24, 1957", "1957-07-24", "1957-07", "Sept. 1950", "1950s", "1950-1953", "1950–53",
// "between 1950 and 1953", "circa 1957". Each found span becomes an EDTF date read by the same
// parser as the record editor's (server/dates), so a query date means what a record date means.
import { LONG_MONTHS, MONTHS, parseImpreciseDate, type ImpreciseDate } from "../../dates/imprecise-date";

/** A date understood in a query: the span typed, and the days it covers. */
export interface QueryDate {
  /** The text as typed, e.g. "Sept. 1950". */
  typed: string[];
  /** How the page names it: "September 1950", "1950s", "1950–1953". */
  label: string;
  /** First and last day, YYYY-MM-DD. */
  from: string;
  to: string;
}

/** Years a bare four-digit number may name. Outside, "1234" is a number like any other word. */
export const YEAR_RANGE = { min: 1000, max: 2199 } as const;

const MONTH = String.raw`(?<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const YEAR = String.raw`(?<year>[12]\d{3})`;
const DAY = String.raw`(?<day>[0-3]?\d)(?:st|nd|rd|th)?`;
const CIRCA = String.raw`(?:(?:circa|ca\.|c\.)\s*)?`;
// Alternatives, the longest forms first. Each names its parts; `to`/`toYear` end a range.
const FORMS = [
  String.raw`between\s+(?<y1>[12]\d{3})\s+and\s+(?<y2>[12]\d{3})`,
  String.raw`(?<iso>[12]\d{3}-[01]\d-[0-3]\d)`,
  String.raw`(?<isoMonth>[12]\d{3}-[01]\d)(?![\d-])`,
  String.raw`(?<y1b>[12]\d{3})s?\s*(?:-|–|—|to|until)\s*(?<y2b>[12]\d{3}|\d{2})(?!\d)s?`,
  String.raw`(?<dmy>[0-3]?\d)\.(?<dmyMonth>[01]?\d)\.(?<dmyYear>[12]\d{3})`,
  `${DAY}\\s+${MONTH}\\s*,?\\s*${YEAR}`.replace(/\(\?<(day|month|year)>/g, "(?<$1A>"),
  `${MONTH}\\s+${DAY}\\s*,?\\s*${YEAR}`.replace(/\(\?<(day|month|year)>/g, "(?<$1B>"),
  `${MONTH}\\s*,?\\s*${YEAR}`.replace(/\(\?<(month|year)>/g, "(?<$1C>"),
  String.raw`(?<decade>[12]\d{2}0)'?s`,
  YEAR,
];
const DATE_RE = new RegExp(String.raw`(?<![\p{L}\p{N}#])${CIRCA}(?:${FORMS.join("|")})(?![\p{L}\p{N}])`, "giu");
/** Words after which a number is a number ("No. 1234", "telegram #1957"), not a year. */
const NUMBER_MARK = /(?:^|[^\p{L}])(?:no|nos|nr|num|number|vol|p|pp|page|pages|doc|document|file|fond|opis|delo|f|op|d|#)\.?\s*$/iu;

const pad = (n: number | string) => String(n).padStart(2, "0");
const monthOf = (name: string) => MONTHS[name.toLowerCase().replace(/\.$/, "")]!;

/** The EDTF of a matched date span, or null when it is not a date after all. */
function edtfOf(g: Record<string, string | undefined>): string | null {
  const inRange = (y: string) => Number(y) >= YEAR_RANGE.min && Number(y) <= YEAR_RANGE.max;
  if (g.y1 && g.y2) return `${g.y1}/${g.y2}`;
  if (g.iso) return g.iso;
  if (g.y1b && g.y2b) {
    // "1950-53": the end takes the start's century.
    const end = g.y2b.length === 2 ? g.y1b.slice(0, 2) + g.y2b : g.y2b;
    return inRange(g.y1b) && inRange(end) ? `${g.y1b}/${end}` : null;
  }
  if (g.isoMonth) return Number(g.isoMonth.slice(5)) >= 1 && Number(g.isoMonth.slice(5)) <= 12 ? g.isoMonth : null;
  if (g.dmy) return `${g.dmyYear}-${pad(g.dmyMonth!)}-${pad(g.dmy)}`;
  if (g.dayA) return `${g.yearA}-${pad(monthOf(g.monthA!))}-${pad(g.dayA)}`;
  if (g.dayB) return `${g.yearB}-${pad(monthOf(g.monthB!))}-${pad(g.dayB)}`;
  if (g.monthC) return `${g.yearC}-${pad(monthOf(g.monthC))}`;
  if (g.decade) return `${g.decade.slice(0, 3)}X`;
  if (g.year) return inRange(g.year) ? g.year : null;
  return null;
}

function read(edtf: string): ImpreciseDate | null {
  try {
    return parseImpreciseDate(edtf);
  } catch {
    return null; // "31 February 1950": not a date, so its words stay words
  }
}

/** How a chip names a date: "24 July 1957", "July 1957", "1957", "1950s", "1950–1953". */
export function dateLabel(from: string, to: string): string {
  const [fy, fm, fd] = from.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = to.split("-").map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  const wholeYears = fm === 1 && fd === 1 && tm === 12 && td === 31;
  if (wholeYears) {
    if (fy === ty) return String(fy);
    if (fy % 10 === 0 && ty === fy + 9) return `${fy}s`;
    return `${fy}–${ty}`;
  }
  const wholeMonths = fd === 1 && td === lastDay;
  const month = (y: number, m: number) => `${LONG_MONTHS[m - 1]} ${y}`;
  const day = (y: number, m: number, d: number) => `${d} ${LONG_MONTHS[m - 1]} ${y}`;
  if (wholeMonths) return fy === ty && fm === tm ? month(fy, fm) : `${month(fy, fm)} – ${month(ty, tm)}`;
  return from === to ? day(fy, fm, fd) : `${day(fy, fm, fd)} – ${day(ty, tm, td)}`;
}

/**
 * The dates in a query and where they stand. Several dates ("1950 1953") make one span from the
 * earliest to the latest day. Returns the spans found (for removing them from the words).
 */
export function findDates(text: string): { date: QueryDate | null; spans: { start: number; end: number }[] } {
  const spans: { start: number; end: number }[] = [];
  if (!/\d/.test(text)) return { date: null, spans }; // every date form has a year
  const typed: string[] = [];
  let from: string | null = null;
  let to: string | null = null;
  for (const match of text.matchAll(DATE_RE)) {
    if (NUMBER_MARK.test(text.slice(0, match.index))) continue;
    const edtf = edtfOf(match.groups ?? {});
    const date = edtf && read(edtf);
    if (!date) continue;
    spans.push({ start: match.index, end: match.index + match[0].length });
    typed.push(match[0].trim());
    if (from === null || date.earliest < from) from = date.earliest;
    if (to === null || date.latest > to) to = date.latest;
  }
  if (from === null || to === null) return { date: null, spans };
  return { date: { typed, label: dateLabel(from, to), from, to }, spans };
}
