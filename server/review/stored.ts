// Proposals are stored as JSON; nothing is applied from them without reading them again.
import type { z } from "zod";
import { badInput } from "../errors";

/**
 * A proposal as stored, read again with the schema it was accepted by: nothing is published
 * from JSON that no longer passes it (a schema tightened since, a row written by hand).
 */
export function parseStored<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  throw badInput(`The stored ${what} is not valid any more (${where}${issue?.message ?? "unreadable"}). Send it back to its author to correct.`);
}
