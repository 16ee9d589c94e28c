// Stateless resumption tokens: the list's arguments and where the last page ended, signed so
// that a forged or altered token is refused (badResumptionToken), never trusted. Nothing is
// stored, so tokens survive restarts and any number of app servers, and never expire.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

const payload = z.object({
  /** The verb the token continues: ListIdentifiers, ListRecords or ListSets. */
  verb: z.enum(["ListIdentifiers", "ListRecords", "ListSets"]),
  metadataPrefix: z.string().max(100).optional(),
  set: z.string().max(200).optional(),
  from: z.string().max(20).optional(),
  until: z.string().max(20).optional(),
  /** The last record id (or set position) already listed: the next page starts after it. */
  after: z.int().min(0),
  /** How many items the pages before this one held. */
  cursor: z.int().min(0),
  /** The list's size when the harvest began. */
  total: z.int().min(0),
});
export type TokenState = z.infer<typeof payload>;

function signature(body: string, secret: string): Buffer {
  return createHmac("sha256", `oai-pmh resumption token\0${secret}`).update(body).digest().subarray(0, 18);
}

export function encodeToken(state: TokenState, secret: string): string {
  const body = Buffer.from(JSON.stringify(state)).toString("base64url");
  return `${body}.${signature(body, secret).toString("base64url")}`;
}

/** The state a token carries, or null when it is not one this repository signed. */
export function decodeToken(token: string, secret: string): TokenState | null {
  if (token.length > 1_000) return null;
  const [body, mac, extra] = token.split(".");
  if (!body || !mac || extra !== undefined) return null;
  const given = Buffer.from(mac, "base64url");
  const expected = signature(body, secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const parsed = payload.safeParse(JSON.parse(Buffer.from(body, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
