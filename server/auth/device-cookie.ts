// Device cookies (OWASP's defence against account lockout): a browser that signed in to an
// account gets a signed cookie naming the account, and keeps its own allowance of wrong passwords
// there, so a stranger's failures never lock the owner out (server/auth/sign-in-limiter.ts).
// The cookie holds a random id and a signature over it and the account's email; the email itself
// is not in it.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "../env";

export const DEVICE_COOKIE = "dossier-device";
/** A year: a browser used to sign in keeps its allowance across long absences. */
export const DEVICE_COOKIE_MAX_AGE = 365 * 24 * 3600;

function signature(email: string, id: string): string {
  return createHmac("sha256", env.AUTH_SECRET).update(`device\u0000${email}\u0000${id}`).digest("base64url");
}

/** A new cookie value for a browser that just signed in to `email`. */
export function issueDeviceCookie(email: string): string {
  const id = randomBytes(16).toString("base64url");
  return `${id}.${signature(email, id)}`;
}

/** The device id when `value` was issued for this account, else null (another account, forged, malformed). */
export function deviceFor(value: string | undefined | null, email: string): string | null {
  const match = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(value ?? "");
  if (!match) return null;
  const [, id, given] = match;
  const expected = Buffer.from(signature(email, id!));
  const actual = Buffer.from(given!);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? id! : null;
}

/** The cookie's options: for this site only, never readable by scripts. */
export function deviceCookieOptions() {
  return { httpOnly: true, sameSite: "lax" as const, secure: env.APP_URL.startsWith("https:"), path: "/", maxAge: DEVICE_COOKIE_MAX_AGE };
}
