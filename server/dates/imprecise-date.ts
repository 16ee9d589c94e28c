// Imprecise dates as archivists write them ("September 1950", "circa 1957", "1955?",
// "1950-09/1950-10"), normalized to EDTF (ISO 8601-2) and parsed by the `edtf` library
// (kept, spec-complete EDTF levels 0-2 parser: earliest/latest instants, precision, qualifiers).
// Written here by hand: only the thin layer from English phrasing to EDTF, which no library does.
import edtf from "edtf";

export type DatePrecision = "day" | "month" | "year" | "decade" | "century";

export interface ImpreciseDate {
  /** As written by the editor. */
  text: string;
  /** Normalized EDTF, e.g. "1950-09", "1957~", "1950-09/1950-10". */
  edtf: string;
  /** First and last day the date may denote, as YYYY-MM-DD. */
  earliest: string;
  latest: string;
  precision: DatePrecision;
  approximate: boolean;
  uncertain: boolean;
}

export class DateParseError extends Error {
  constructor(
    readonly input: string,
    message: string,
  ) {
    super(message);
    this.name = "DateParseError";
  }
}

export const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5,
  jun: 6, june: 6, jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9,
  oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};

const pad = (n: number | string, width = 2) => String(n).padStart(width, "0");

function month(word: string): number | undefined {
  return MONTHS[word.toLowerCase().replace(/\.$/, "")];
}

/** One point in time written in English or ISO form, to EDTF (without qualifiers). */
function pointToEdtf(raw: string): string | undefined {
  const s = raw.trim().replace(/,/g, " ").replace(/\s+/g, " ");
  let m: RegExpMatchArray | null;
  // ISO forms (and EDTF unspecified digits) pass through: 1950, 1950-09, 1950-09-29, 195X
  if (/^-?\d{4}(-\d{2}(-\d{2})?)?$/.test(s) || /^\d{2,3}X{1,2}$/.test(s)) return s;
  // 1950s -> 195X, 1900s -> 19XX (a century when it ends in 00s)
  if ((m = s.match(/^(\d{3})0'?s$/))) return m[1]!.endsWith("0") ? `${m[1]!.slice(0, 2)}XX` : `${m[1]}X`;
  // September 1950, Sept. 1950
  if ((m = s.match(/^([A-Za-z]+\.?) (\d{4})$/)) && month(m[1]!)) return `${m[2]}-${pad(month(m[1]!)!)}`;
  // 29 September 1950
  if ((m = s.match(/^(\d{1,2}) ([A-Za-z]+\.?) (\d{4})$/)) && month(m[2]!))
    return `${m[3]}-${pad(month(m[2]!)!)}-${pad(m[1]!)}`;
  // September 29 1950 (comma already removed)
  if ((m = s.match(/^([A-Za-z]+\.?) (\d{1,2})(?:st|nd|rd|th)? (\d{4})$/)) && month(m[1]!))
    return `${m[3]}-${pad(month(m[1]!)!)}-${pad(m[2]!)}`;
  // 29.09.1950 (day first, as in most archival finding aids)
  if ((m = s.match(/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/))) return `${m[3]}-${pad(m[2]!)}-${pad(m[1]!)}`;
  return undefined;
}

/** English phrasing to an EDTF string, or undefined when the text is not understood. */
export function toEdtf(text: string): string | undefined {
  let s = text.trim().replace(/\s+/g, " ");
  let approximate = false;
  let uncertain = false;
  const circa = s.match(/^(circa|ca\.?|c\.|about|approximately|approx\.?)\s*(.+)$/i);
  if (circa) {
    approximate = true;
    s = circa[2]!;
  }
  if (/^\[.*\]$/.test(s)) s = s.slice(1, -1).trim(); // "[1955]": supplied by the archivist
  const qualifier = s.match(/[~?%]$/)?.[0];
  if (qualifier) {
    s = s.slice(0, -1).trim();
    if (qualifier !== "?") approximate = true;
    if (qualifier !== "~") uncertain = true;
  }
  const suffix = approximate && uncertain ? "%" : approximate ? "~" : uncertain ? "?" : "";
  const range =
    s.match(/^between (.+) and (.+)$/i) ?? s.match(/^(.+?)\s*(?:\/|–|—| - | to |-(?=\d{4}$))\s*(.+)$/i);
  if (range) {
    const from = pointToEdtf(range[1]!);
    const to = pointToEdtf(range[2]!);
    return from && to ? `${from}${suffix}/${to}${suffix}` : undefined;
  }
  const point = pointToEdtf(s);
  return point ? point + suffix : undefined;
}

const PRECISION_BY_DIGITS: Record<number, DatePrecision> = { 1: "year", 2: "month", 3: "day" };

function precisionOf(value: string): DatePrecision {
  // One side of an interval or a plain date: count the specified parts.
  const core = value.replace(/[~?%]/g, "");
  if (/^\d{2}XX$/.test(core)) return "century";
  if (/^\d{3}X$/.test(core)) return "decade";
  const parts = core.replace(/^-/, "").split("-").length;
  return PRECISION_BY_DIGITS[parts] ?? "year";
}

const COARSER: DatePrecision[] = ["century", "decade", "year", "month", "day"];

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Dates already parsed (an import reads the same few date forms thousands of times). */
const parsedDates = new Map<string, ImpreciseDate | DateParseError>();
const PARSED_DATES_KEPT = 5_000;

/**
 * Parses an imprecise date written by an editor. Throws DateParseError with a message fit to
 * show next to the field. Pure, so its answers are remembered (a few thousand of them).
 */
export function parseImpreciseDate(input: string): ImpreciseDate {
  const known = parsedDates.get(input);
  if (known instanceof DateParseError) throw known;
  if (known) return { ...known };
  let outcome: ImpreciseDate | DateParseError;
  try {
    outcome = parseUncached(input);
  } catch (error) {
    if (!(error instanceof DateParseError)) throw error;
    outcome = error;
  }
  if (parsedDates.size >= PARSED_DATES_KEPT) parsedDates.delete(parsedDates.keys().next().value!);
  parsedDates.set(input, outcome);
  if (outcome instanceof DateParseError) throw outcome;
  return { ...outcome };
}

/** `plainFirst` false: always the EDTF grammar (tests compare it with the plain ISO reading). */
export function parseUncached(input: string, plainFirst = true): ImpreciseDate {
  const text = input.trim().replace(/\s+/g, " ");
  if (!text) throw new DateParseError(input, "Enter a date, e.g. 1950-09-29, September 1950, circa 1957 or 1955?");
  if (text.length > 100) throw new DateParseError(input, "A date is at most 100 characters");
  const plain = plainFirst ? plainIsoDate(text) : null;
  if (plain) return plain;
  const normalized = toEdtf(text);
  if (!normalized) {
    throw new DateParseError(
      input,
      `"${text}" is not a date we can read. Try 1950-09-29, 29 September 1950, September 1950, 1950s, circa 1957, 1955? or 1950-09/1950-10.`,
    );
  }
  let parsed: ReturnType<typeof edtf>;
  try {
    parsed = edtf(normalized);
  } catch {
    throw new DateParseError(
      input,
      normalized.includes("/")
        ? `"${text}" is not a valid range: both ends must be real dates, the earlier one first.`
        : `"${text}" is not a valid calendar date (check the day and month).`,
    );
  }
  // Sets and lists ("[1950,1951]", "{1950,1952}") are valid EDTF but not one date. Checked on the
  // string, not on parsed.type: that is a class name, which minifiers rename.
  if (/[[\]{}]/.test(normalized)) {
    throw new DateParseError(input, `"${text}" is a kind of date Dossier does not store yet; use a single date or a range.`);
  }
  const min = parsed.min;
  const max = parsed.max;
  if (!Number.isFinite(min) || !Number.isFinite(max)) {
    throw new DateParseError(input, `"${text}" needs both ends of the range to be known.`);
  }
  if (min > max) throw new DateParseError(input, `"${text}" ends before it begins.`);
  // Years before 1 CE would be stored wrong (the database has no year 0, and its dates and
  // JavaScript's disagree on how to write the years before it): refused until they are supported.
  if (new Date(min).getUTCFullYear() < 1) {
    throw new DateParseError(input, `"${text}" is before the year 1: Dossier does not store dates BCE yet.`);
  }
  const sides = normalized.split("/");
  const precision = sides
    .map(precisionOf)
    .reduce((coarsest, p) => (COARSER.indexOf(p) < COARSER.indexOf(coarsest) ? p : coarsest));
  return {
    text,
    edtf: normalized,
    earliest: isoDay(min),
    latest: isoDay(max),
    precision,
    approximate: /[~%]/.test(normalized),
    uncertain: /[?%]/.test(normalized),
  };
}

const PLAIN_ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * The commonest dates, a plain ISO day, month or year of the common era ("1950-09-29",
 * "1950-09", "1950"), read without the EDTF grammar: the same result at a fraction of the cost
 * (a page of search results shows twenty dates, and the grammar took ~15 µs each). Null for
 * anything else, or anything doubtful, which the grammar then reads.
 */
export function plainIsoDate(text: string): ImpreciseDate | null {
  const m = PLAIN_ISO.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] === undefined ? null : Number(m[2]);
  const day = m[3] === undefined ? null : Number(m[3]);
  if (year < 1 || (month !== null && (month < 1 || month > 12))) return null;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysIn = (mo: number) => (mo === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(mo) ? 30 : 31);
  if (day !== null && (day < 1 || day > daysIn(month!))) return null;
  const pad = (n: number) => String(n).padStart(2, "0");
  const y = m[1]!;
  const earliest = `${y}-${pad(month ?? 1)}-${pad(day ?? 1)}`;
  const latest = `${y}-${pad(month ?? 12)}-${pad(day ?? daysIn(month ?? 12))}`;
  const precision: DatePrecision = day !== null ? "day" : month !== null ? "month" : "year";
  return { text, edtf: text, earliest, latest, precision, approximate: false, uncertain: false };
}

export const LONG_MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

function describeDay(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${d} ${LONG_MONTHS[m! - 1]!.slice(0, 3)} ${y}`;
}

/** How a parsed date reads back to an editor: "between 1 Sep 1950 and 30 Sep 1950, month precision". */
export function describeImpreciseDate(date: ImpreciseDate): string {
  const qualifiers = [date.approximate && "approximate", date.uncertain && "uncertain"].filter(Boolean);
  const span =
    date.earliest === date.latest
      ? describeDay(date.earliest)
      : `between ${describeDay(date.earliest)} and ${describeDay(date.latest)}`;
  return `${span}, ${date.precision} precision${qualifiers.length ? `, ${qualifiers.join(" and ")}` : ""}`;
}
