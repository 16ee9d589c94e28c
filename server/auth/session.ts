// Who is calling this request, as the database says now (see session-user.ts).
import "server-only";
import { cache } from "react";
import { auth } from "./config";
import { loadSessionUser, type SessionToken, type SessionUser } from "./session-user";

export type { SessionUser };

/** The signed-in user for this request (memoized per request in Server Components). */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = (await auth()) as SessionToken | null;
  return loadSessionUser(session ?? {});
});

/**
 * Whether a request carries a session cookie at all (next-auth's "authjs.session-token", with
 * its "__Secure-" prefix and ".0" chunks). Without one there is nobody to look up: public
 * requests (search) skip next-auth's session handling, which costs more than the search's JSON.
 */
export function carriesSessionCookie(headers: Headers): boolean {
  return (headers.get("cookie") ?? "").includes("authjs.session-token");
}
