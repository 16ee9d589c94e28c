// "What changed and why": the first thing a reviewer reads. A draft may be saved without it; a
// change submitted for review may not (issue 17, item 11).
import { z } from "zod";

const MAX = 2_000;
const tooLong = `At most ${MAX} characters`;

/** The message on a change submitted for review: required. */
export const changeReasonSchema = z.string().trim().min(1, "Say what changed and why: reviewers read this first").max(MAX, tooLong);

/** The message on a saved draft, a merge proposal or a revert: optional. */
export const optionalReasonSchema = z.string().trim().max(MAX, tooLong).default("");
