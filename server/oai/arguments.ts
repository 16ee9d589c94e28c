// An OAI-PMH request's arguments, checked as the protocol says (OAI-PMH 2.0, section 3 and 4):
// each verb's required, optional and exclusive arguments; no argument twice; dates of one
// granularity, `from` not after `until`. What fails becomes the protocol's error codes.
import { z } from "zod";

export const VERBS = ["Identify", "ListMetadataFormats", "ListSets", "GetRecord", "ListIdentifiers", "ListRecords"] as const;
export type Verb = (typeof VERBS)[number];

export type OaiErrorCode =
  | "badArgument"
  | "badResumptionToken"
  | "badVerb"
  | "cannotDisseminateFormat"
  | "idDoesNotExist"
  | "noRecordsMatch"
  | "noMetadataFormats"
  | "noSetHierarchy";

export class OaiError extends Error {
  constructor(
    readonly code: OaiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "OaiError";
  }
}

type Rule = { required: string[]; optional: string[]; exclusive?: string };
const RULES: Record<Verb, Rule> = {
  Identify: { required: [], optional: [] },
  ListMetadataFormats: { required: [], optional: ["identifier"] },
  ListSets: { required: [], optional: [], exclusive: "resumptionToken" },
  GetRecord: { required: ["identifier", "metadataPrefix"], optional: [] },
  ListIdentifiers: { required: ["metadataPrefix"], optional: ["from", "until", "set"], exclusive: "resumptionToken" },
  ListRecords: { required: ["metadataPrefix"], optional: ["from", "until", "set"], exclusive: "resumptionToken" },
};

/** A datestamp argument: a day, or a second in UTC ("2026-12-01", "2026-12-01T10:00:00Z"). */
export type OaiDate = { at: Date; granularity: "day" | "second"; text: string };

export type OaiRequest = {
  verb: Verb;
  /** The arguments as given (for the response's request element, when they are valid). */
  args: Record<string, string>;
  identifier?: string;
  metadataPrefix?: string;
  from?: OaiDate;
  until?: OaiDate;
  set?: string;
  resumptionToken?: string;
};

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const SECOND = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

/** A datestamp argument, or null when it is not one of the two granularities or not a real date. */
export function parseOaiDate(text: string): OaiDate | null {
  const match = DAY.exec(text) ?? SECOND.exec(text);
  // XML Schema 1.0 dates have no year 0 (and PostgreSQL has none either).
  if (!match || match[1] === "0000") return null;
  const [y, mo, d, h = "0", mi = "0", s = "0"] = match.slice(1).map((v) => v ?? "0");
  const at = new Date(Date.UTC(2000, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  // Date.UTC reads years 0-99 as 1900-1999: the year is set on its own.
  at.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  // Date.UTC rolls 2026-02-30 over to March: a date that reads back differently is not real.
  if (at.getUTCFullYear() !== Number(y) || at.getUTCMonth() !== Number(mo) - 1 || at.getUTCDate() !== Number(d)) return null;
  if (at.getUTCHours() !== Number(h) || at.getUTCMinutes() !== Number(mi) || at.getUTCSeconds() !== Number(s)) return null;
  return { at, granularity: text.length === 10 ? "day" : "second", text };
}

const argumentText = z.string().max(2_000);

/** The syntax the protocol's schema gives each argument (its metadataPrefixType, setSpecType, identifierType). */
const SYNTAX: [string, RegExp, string][] = [
  ["metadataPrefix", /^[A-Za-z0-9\-_.!~*'()]+$/, "a metadata prefix (letters, digits and -_.!~*'())"],
  ["set", /^[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*$/, "a set spec (letters, digits and -_.!~*'(), parts joined by :)"],
  ["identifier", /^[^\s"<>\\^`{|}]+$/, "an identifier (a URI, without spaces)"],
];

/**
 * The request, or the errors that answer it. `pairs`: every (name, value) of the query string
 * or form body, repeated names included (a repeated argument is an error).
 */
export function parseRequest(pairs: [string, string][]): { ok: true; request: OaiRequest } | { ok: false; errors: OaiError[]; args: Record<string, string> } {
  const args: Record<string, string> = {};
  const repeated = new Set<string>();
  for (const [name, value] of pairs) {
    if (name in args) repeated.add(name);
    args[name] = value;
  }
  const fail = (...errors: OaiError[]) => ({ ok: false as const, errors, args: {} });
  const verb = args.verb;
  if (verb === undefined) return fail(new OaiError("badVerb", "The request has no verb."));
  if (repeated.has("verb")) return fail(new OaiError("badVerb", "The verb is given more than once."));
  if (!(VERBS as readonly string[]).includes(verb)) return fail(new OaiError("badVerb", `"${verb.slice(0, 60)}" is not an OAI-PMH verb.`));
  const rule = RULES[verb as Verb];
  const errors: OaiError[] = [];
  for (const name of repeated) errors.push(new OaiError("badArgument", `The argument ${name} is given more than once.`));
  const given = Object.keys(args).filter((n) => n !== "verb");
  for (const name of given) {
    if (![...rule.required, ...rule.optional, rule.exclusive].includes(name)) errors.push(new OaiError("badArgument", `${verb} does not take the argument ${name.slice(0, 60)}.`));
    else if (!argumentText.safeParse(args[name]).success || args[name] === "") errors.push(new OaiError("badArgument", `The argument ${name} is empty or too long.`));
  }
  if (rule.exclusive && args[rule.exclusive] !== undefined) {
    if (given.length > 1) errors.push(new OaiError("badArgument", `${rule.exclusive} is an exclusive argument: it comes alone with the verb.`));
  } else {
    for (const name of rule.required) if (args[name] === undefined) errors.push(new OaiError("badArgument", `${verb} needs the argument ${name}.`));
  }
  for (const [name, pattern, what] of SYNTAX) {
    if (args[name] !== undefined && args[name] !== "" && !pattern.test(args[name])) errors.push(new OaiError("badArgument", `${name} is not ${what}.`));
  }
  const request: OaiRequest = { verb: verb as Verb, args, identifier: args.identifier, metadataPrefix: args.metadataPrefix, set: args.set, resumptionToken: args.resumptionToken };
  for (const name of ["from", "until"] as const) {
    if (args[name] === undefined || !rule.optional.includes(name)) continue;
    const date = parseOaiDate(args[name]);
    if (date) request[name] = date;
    else errors.push(new OaiError("badArgument", `${name} must be a date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDThh:mm:ssZ).`));
  }
  if (request.from && request.until) {
    if (request.from.granularity !== request.until.granularity) errors.push(new OaiError("badArgument", "from and until must have the same granularity."));
    else if (request.from.at > request.until.at) errors.push(new OaiError("badArgument", "from is after until."));
  }
  if (errors.length) return { ok: false, errors, args: {} };
  return { ok: true, request };
}
