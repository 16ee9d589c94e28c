// Dates as readers type them in the search box: "1957", "July 1957", "24 July 1957",
// "July 24, 1957", "24-Jul-1957", "1957 July 24" (the archival DACS order), "1957-07-24",
// "1957/07/24", "24.7.1957", "7/24/1957", "1957-07", "Sept. 1950", "July-August 1957", "1950s",
// "early 1950s", "19th century", "1950-1953", "1950–53", "1950/51", "between 1950 and 1953",
// "before 1950", "after 1945", "circa 1957". Each found span becomes an EDTF date read by the
// same parser as the record editor's (server/dates), so a query date means what a record date
// means; the forms no record editor takes (open ends, parts of a decade) are spans of days.
// Seasons are not read: "Prague Spring 1968" names an event, not March to May.
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

const MONTH_NAMES = String.raw`jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?`;
const MONTH = String.raw`(?<month>${MONTH_NAMES})\.?`;
const YEAR = String.raw`(?<year>[12]\d{3})`;
const DAY = String.raw`(?<day>[0-3]?\d)(?:st|nd|rd|th)?`;
const CIRCA = String.raw`(?<circa>(?:circa|ca\.|c\.)\s*)?`;
const ORDINALS = ["eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth", "twenty-first", "twenty-second"];
const CENTURY = String.raw`(?:(?<centuryN>1[1-9]|2[0-2])(?:st|nd|rd|th)|(?<centuryW>${ORDINALS.join("|")}))[\s-]+(?:century|c\.)`;
/** A form's named parts renamed, so that one form can appear twice in the alternatives. */
const named = (form: string, suffix: string) => form.replace(/\(\?<(\w+)>/g, `(?<$1${suffix}>`);
// Alternatives, the longest forms first. Each names its parts.
const FORMS = [
  String.raw`between\s+(?<y1>[12]\d{3})\s+and\s+(?<y2>[12]\d{3})`,
  String.raw`(?<open>before|after|since|until|pre-?|post-?)\s*(?<openYear>[12]\d{3})(?!\d)`,
  String.raw`(?<iso>[12]\d{3}-[01]\d-[0-3]\d)`,
  String.raw`(?<ymdY>[12]\d{3})/(?<ymdM>[01]?\d)/(?<ymdD>[0-3]?\d)`,
  String.raw`(?<isoMonth>[12]\d{3}-[01]\d)(?![\d-])`,
  String.raw`(?<y1b>[12]\d{3})s?\s*(?:-|–|—|/|to|until)\s*(?<y2b>[12]\d{3}|\d{2})(?!\d)(?<y2s>s)?`,
  String.raw`(?<dmy>[0-3]?\d)\.(?<dmyMonth>[01]?\d)\.(?<dmyYear>[12]\d{3})`,
  String.raw`(?<n1>[0-3]?\d)/(?<n2>[0-3]?\d)/(?<nYear>[12]\d{3})`,
  named(`${DAY}[\\s-]+(?:of\\s+)?${MONTH}[\\s-]*,?\\s*${YEAR}`, "A"),
  named(`${MONTH}\\s+${DAY}\\s*,?\\s*${YEAR}`, "B"),
  named(`${YEAR}\\s+${MONTH}(?:\\s+${DAY})?`, "D"),
  `(?<m1>${MONTH_NAMES})\\.?\\s*(?:-|–|—|to)\\s*(?<m2>${MONTH_NAMES})\\.?\\s*,?\\s*(?<yM>[12]\\d{3})`,
  named(`${MONTH}[\\s-]*,?\\s*${YEAR}`, "C"),
  String.raw`(?<part>early|mid|late)[\s-]*(?:(?<partDecade>[12]\d{2}0)'?s|(?<partYear>[12]\d{3})(?!\d)|${named(CENTURY, "P")})`,
  CENTURY,
  String.raw`(?<decade>[12]\d{2}0)'?s`,
  YEAR,
];
const DATE_RE = new RegExp(String.raw`(?<![\p{L}\p{N}#])${CIRCA}(?:${FORMS.join("|")})(?![\p{L}\p{N}])`, "giu");
/** Words after which a number is a number ("No. 1234", "telegram #1957"), not a year. */
const NUMBER_MARK = /(?:^|[^\p{L}])(?:no|nos|nr|num|number|vol|p|pp|page|pages|doc|document|file|fond|opis|delo|f|op|d|#)\.?\s*$/iu;

const pad = (n: number | string) => String(n).padStart(2, "0");
const monthOf = (name: string) => MONTHS[name.toLowerCase().replace(/\.$/, "")]!;
const inRange = (y: number | string) => Number(y) >= YEAR_RANGE.min && Number(y) <= YEAR_RANGE.max;
const first = (year: number) => `${year}-01-01`;
const last = (year: number) => `${year}-12-31`;
/** The century a "19th century" names: 1800-1899, as archivists and catalogues use it. */
const centuryStart = (g: Record<string, string | undefined>, suffix = "") => {
  const n = g[`centuryN${suffix}`] ? Number(g[`centuryN${suffix}`]) : ORDINALS.indexOf(g[`centuryW${suffix}`]!.toLowerCase()) + 11;
  return (n - 1) * 100;
};

/** A span read from a form that the record editor has no EDTF for: its days and its name. */
type Span = { from: string; to: string; label?: string; open?: "from" | "to" };

/** The EDTF (or span) of a matched date, or null when it is not a date after all. */
function dateOf(g: Record<string, string | undefined>): string | Span | null {
  if (g.y1 && g.y2) return `${g.y1}/${g.y2}`;
  if (g.open) {
    // Open at one end: up to the year before, or from the year after ("since" and "until" include it).
    const year = Number(g.openYear);
    const word = g.open.toLowerCase().replace(/-$/, "");
    if (!inRange(year)) return null;
    const label = `${word === "pre" ? "before" : word === "post" ? "after" : word} ${year}`;
    if (word === "before" || word === "pre") return { from: first(YEAR_RANGE.min), to: last(year - 1), label, open: "from" };
    if (word === "until") return { from: first(YEAR_RANGE.min), to: last(year), label, open: "from" };
    if (word === "since") return { from: first(year), to: last(YEAR_RANGE.max), label, open: "to" };
    return { from: first(year + 1), to: last(YEAR_RANGE.max), label, open: "to" };
  }
  if (g.iso) return g.iso;
  if (g.ymdY) return `${g.ymdY}-${pad(g.ymdM!)}-${pad(g.ymdD!)}`;
  if (g.y1b && g.y2b) {
    // "1950-53": the end takes the start's century; "1950s-1960s" ends with its decade.
    const end = Number(g.y2b.length === 2 ? g.y1b.slice(0, 2) + g.y2b : g.y2b) + (g.y2s && g.y2b.endsWith("0") ? 9 : 0);
    return inRange(g.y1b) && inRange(end) ? `${g.y1b}/${end}` : null;
  }
  if (g.isoMonth) return Number(g.isoMonth.slice(5)) >= 1 && Number(g.isoMonth.slice(5)) <= 12 ? g.isoMonth : null;
  if (g.dmy) return `${g.dmyYear}-${pad(g.dmyMonth!)}-${pad(g.dmy)}`;
  if (g.n1) {
    // 24/7/1957 is day first, 7/24/1957 month first; 3/4/1957 may be either, so it is both days and what lies between.
    const [a, b] = [Number(g.n1), Number(g.n2)];
    const dayFirst = `${g.nYear}-${pad(b)}-${pad(a)}`;
    const monthFirst = `${g.nYear}-${pad(a)}-${pad(b)}`;
    if (a > 12) return dayFirst;
    if (b > 12 || a === b) return monthFirst;
    return dayFirst < monthFirst ? `${dayFirst}/${monthFirst}` : `${monthFirst}/${dayFirst}`;
  }
  if (g.dayA) return `${g.yearA}-${pad(monthOf(g.monthA!))}-${pad(g.dayA)}`;
  if (g.dayB) return `${g.yearB}-${pad(monthOf(g.monthB!))}-${pad(g.dayB)}`;
  if (g.yearD) return g.dayD ? `${g.yearD}-${pad(monthOf(g.monthD!))}-${pad(g.dayD)}` : `${g.yearD}-${pad(monthOf(g.monthD!))}`;
  if (g.m1) return `${g.yM}-${pad(monthOf(g.m1))}/${g.yM}-${pad(monthOf(g.m2!))}`;
  if (g.monthC) return `${g.yearC}-${pad(monthOf(g.monthC))}`;
  if (g.part) return partOf(g);
  if (g.centuryN || g.centuryW) {
    const start = centuryStart(g);
    return inRange(start) || inRange(start + 99) ? `${String(start / 100).padStart(2, "0")}XX` : null;
  }
  if (g.decade) return `${g.decade.slice(0, 3)}X`;
  if (g.year) return inRange(g.year) ? g.year : null;
  return null;
}

/** "early 1950s" (1950-1953), "mid-1950s" (1953-1956), "late 1950s" (1956-1959); of a year, its thirds in months; of a century, in decades. */
function partOf(g: Record<string, string | undefined>): Span | null {
  const part = g.part!.toLowerCase() as "early" | "mid" | "late";
  const label = `${part === "mid" ? "mid-" : `${part} `}`;
  if (g.partYear) {
    const y = Number(g.partYear);
    if (!inRange(y)) return null;
    const months: Record<typeof part, [number, number]> = { early: [1, 4], mid: [5, 8], late: [9, 12] };
    const [m1, m2] = months[part];
    return { from: `${y}-${pad(m1)}-01`, to: `${y}-${pad(m2)}-${new Date(Date.UTC(y, m2, 0)).getUTCDate()}`, label: `${label}${y}` };
  }
  const [start, length, name] = g.partDecade ? [Number(g.partDecade), 10, `${g.partDecade}s`] : [centuryStart(g, "P"), 100, centuryLabel(centuryStart(g, "P"))];
  if (!inRange(start) && !inRange(start + length - 1)) return null;
  const third = Math.round((length * 4) / 10); // 4 years of a decade, 40 of a century
  const middle = Math.round((length - third) / 2);
  const parts: Record<typeof part, [number, number]> = { early: [0, third - 1], mid: [middle, middle + third - 1], late: [length - third, length - 1] };
  const [a, b] = parts[part];
  return { from: first(start + a), to: last(start + b), label: `${label}${name}` };
}

/** "19th century" for 1800. */
function centuryLabel(start: number): string {
  const n = start / 100 + 1;
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix} century`;
}

function readEdtf(edtf: string): ImpreciseDate | null {
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
    if (fy % 100 === 0 && ty === fy + 99) return centuryLabel(fy);
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
 * earliest to the latest day; an open end ("after 1950", "before 1960") narrows the others.
 * Returns the spans found (for removing them from the words).
 */
export function findDates(text: string): { date: QueryDate | null; spans: { start: number; end: number }[] } {
  const spans: { start: number; end: number }[] = [];
  if (!/\d|centur/i.test(text)) return { date: null, spans }; // every date form has a year or a century
  const typed: string[] = [];
  const closed: Span[] = [];
  const open: Span[] = [];
  for (const match of text.matchAll(DATE_RE)) {
    if (NUMBER_MARK.test(text.slice(0, match.index))) continue;
    const span = spanOf(match.groups ?? {});
    if (!span) continue;
    spans.push({ start: match.index, end: match.index + match[0].length });
    typed.push(match[0].trim());
    (span.open ? open : closed).push(span);
  }
  if (!closed.length && !open.length) return { date: null, spans };
  const all = [...closed, ...open];
  // The closed dates' whole span, narrowed by the open ends; ends that exclude each other are ignored.
  let from = (closed.length ? closed : all).map((d) => d.from).reduce((a, b) => (a < b ? a : b));
  let to = (closed.length ? closed : all).map((d) => d.to).reduce((a, b) => (a > b ? a : b));
  for (const d of open) {
    const narrowed = d.open === "to" ? { from: d.from > from ? d.from : from, to } : { from, to: d.to < to ? d.to : to };
    if (narrowed.from <= narrowed.to) ({ from, to } = narrowed);
  }
  const only = all.length === 1 ? all[0]! : null;
  return { date: { typed, label: only?.label ?? dateLabel(from, to), from, to }, spans };
}

/** A matched date as days, or null when it is not a date after all ("31 February 1950"). */
function spanOf(groups: Record<string, string | undefined>): Span | null {
  const date = dateOf(groups);
  if (date === null || typeof date === "object") return date;
  const read = readEdtf(date);
  if (!read) return null;
  // "circa 1957": a year either side, as a reader means it (a record's own "circa 1957" is 1957).
  if (groups.circa && read.precision === "year") {
    const year = Number(read.earliest.slice(0, 4));
    return { from: first(year - 1), to: last(year + 1), label: `circa ${year}` };
  }
  return { from: read.earliest, to: read.latest };
}
