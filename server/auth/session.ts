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

export { carriesSessionCookie } from "./session-user";
