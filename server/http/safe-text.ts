// Text no person types, refused at the boundary before any schema or database sees it:
// NUL and other control characters (PostgreSQL cannot even store NUL in text), lone UTF-16
// surrogates (not text at all; they would be stored as U+FFFD), and the bidirectional
// *override* characters that make text display in a different order than it reads
// (U+202D, U+202E: the "Trojan Source" trick). Embeddings and isolates (U+202A-C, U+2066-9),
// which right-to-left transcriptions legitimately carry, are kept. Input is also bounded in
// depth and size, so a hostile shape costs nothing.

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BIDI_OVERRIDE = /[\u202D\u202E]/;

export const MAX_INPUT_DEPTH = 24;
export const MAX_INPUT_NODES = 200_000;

const hex = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

// Every character the checks and the cleaning below look for, but the ASCII controls, lies
// outside ASCII, and ASCII text is already NFC: plain ASCII text (most of any import) skips them.
const NON_ASCII = /[^\u0000-\u007F]/;

/** Why a string may not be stored, or null. */
export function textProblem(value: string): string | null {
  let m = CONTROL.exec(value);
  if (m) return `contains a control character (${hex(m[0])})`;
  if (!NON_ASCII.test(value)) return null;
  m = LONE_SURROGATE.exec(value);
  if (m) return "contains an invalid character (a lone UTF-16 surrogate)";
  m = BIDI_OVERRIDE.exec(value);
  if (m) return `contains an invisible text-direction override (${hex(m[0])}); remove it`;
  return null;
}

/** The first problem in a parsed input (any JSON-like value), as "path: problem", or null. */
export function inputProblem(input: unknown): string | null {
  // The path to the value being looked at, spelled out only for the problem found: checking
  // allocates nothing (an import checks every value of every row).
  const path: (string | number)[] = [];
  const where = () => path.join(".") || "input";
  let nodes = 0;
  const visit = (value: unknown, depth: number): string | null => {
    if (++nodes > MAX_INPUT_NODES) return "The input is too large.";
    if (typeof value === "string") {
      const problem = textProblem(value);
      return problem && `${where()} ${problem}.`;
    }
    if (value === null || typeof value !== "object") return null;
    if (depth >= MAX_INPUT_DEPTH) return `${where()} is nested too deeply.`;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        const problem = visit(value[i], depth + 1);
        path.pop();
        if (problem) return problem;
      }
      return null;
    }
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const keyProblem = textProblem(key);
      if (keyProblem) return `A field name ${keyProblem}.`;
      path.push(key);
      const problem = visit((value as Record<string, unknown>)[key], depth + 1);
      path.pop();
      if (problem) return problem;
    }
    return null;
  };
  return visit(input, 0);
}

// Text that is kept, made canonical (the same one place, server/api/trpc.ts, before any schema):
// Unicode NFC, so "Chŏe" typed on two keyboards is one name, not two; invisible characters that
// carry nothing (zero-width space, word joiner, byte-order mark, noncharacters) removed; the
// exotic line breaks (U+0085, U+2028, U+2029) read as a newline. Zero-width joiners and the
// direction marks stay: Persian, Indic and right-to-left text need them.
const INVISIBLE = /[\u200B\u2060\uFEFF\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]/g;
const LINE_BREAKS = /[\u0085\u2028\u2029]/g;

/** A string as it is stored: NFC, without invisible characters, ordinary newlines. */
export function cleanText(value: string): string {
  if (!NON_ASCII.test(value)) return value;
  return value.replace(INVISIBLE, "").replace(LINE_BREAKS, "\n").normalize("NFC");
}

/**
 * A parsed input (any JSON-like value) with every string cleaned (cleanText); keys unchanged.
 * Copied only where something changes: input that is already clean (most of it) comes back as
 * it is, the same objects, so callers treat the result as theirs to change only if the input is.
 */
export function cleanInput(input: unknown): unknown {
  if (typeof input === "string") return cleanText(input);
  if (Array.isArray(input)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < input.length; i++) {
      const value: unknown = input[i];
      const clean = cleanInput(value);
      if (clean !== value) (copy ??= input.slice())[i] = clean;
    }
    return copy ?? input;
  }
  if (input !== null && typeof input === "object" && Object.getPrototypeOf(input) === Object.prototype) {
    let copy: Record<string, unknown> | undefined;
    for (const key in input) {
      if (!Object.hasOwn(input, key)) continue;
      const value = (input as Record<string, unknown>)[key];
      const clean = cleanInput(value);
      if (clean !== value) (copy ??= { ...input })[key] = clean;
    }
    return copy ?? input;
  }
  return input;
}

/** A one-line field (a title, a name): tabs and line breaks become single spaces. */
export function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}
