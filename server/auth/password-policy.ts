// What a new password must be: at least 12 characters, and not guessable. Guessability is
// judged by zxcvbn-ts (kept library: a maintained port of Dropbox's zxcvbn, with a list of the
// ~50,000 most common passwords, English words and names, keyboard patterns, repeats and
// sequences), which is what NIST 800-63B asks for instead of composition rules.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";
import { badInput } from "../errors";

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;
/** zxcvbn's score: 3 is "safely unguessable: moderate protection from offline slow-hash attacks". */
const MIN_SCORE = 3;

let factory: ZxcvbnFactory | undefined;
function zxcvbn() {
  factory ??= new ZxcvbnFactory({
    translations: en.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary },
  });
  return factory;
}

const COMMON = new Set((common.dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));

/**
 * Null when the password may be used, else the reason shown to the person choosing it.
 * `context`: words about this account (email, name, the site's name) that must not carry it.
 */
export async function passwordProblem(password: string, context: string[] = []): Promise<string | null> {
  if (password.length < MIN_PASSWORD_LENGTH) return `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `A password has at most ${MAX_PASSWORD_LENGTH} characters.`;
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return "This is one of the most common passwords. Choose another.";
  const personal = context.flatMap((c) => [c.toLowerCase(), c.toLowerCase().split("@")[0]!]).filter((c) => c.length >= 4);
  if (personal.some((c) => lower.includes(c))) return "A password must not contain your email address or name.";
  const userInputs = ["dossier", "archive", ...personal, ...context.flatMap((c) => c.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length >= 3)];
  const result = await zxcvbn().check(password, userInputs);
  if (result.score >= MIN_SCORE) return null;
  const hint = result.feedback.warning ?? result.feedback.suggestions[0];
  return `This password is too easy to guess${hint ? `: ${hint.replace(/\.$/, "")}` : ""}. A few unrelated words make a strong one.`;
}

/** Throws a field error (400) when the password may not be used. */
export async function assertPasswordAllowed(password: string, context: string[] = []): Promise<void> {
  const problem = await passwordProblem(password, context);
  if (problem) throw badInput(problem, "password");
}
