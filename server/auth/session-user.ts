// A session token names a user; the database decides what they are now. A token holds a stale
// role until it expires, so the role, the disabled flag and the session version are re-read on
// every request (Rallly's adminProcedure does the same). No next-auth import: tests use this.
import { db } from "../db";
import type { Role } from "../generated/prisma/enums";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  trusted: boolean;
}

/** What a session token carries: the user, the user's session version, the session's own id. */
export interface SessionToken {
  uid?: string;
  sv?: number;
  sid?: string;
}

/**
 * Loads the user a session token names, or null if it is no longer valid: the user is gone,
 * disabled or role-less, signed out everywhere (session version), or this session was signed
 * out (ended_sessions). Tokens without a session id predate sign-out revocation and are refused.
 */
export async function loadSessionUser({ uid, sv, sid }: SessionToken): Promise<SessionUser | null> {
  if (!uid || !sid) return null;
  const [user, ended] = await Promise.all([
    db.user.findUnique({
      where: { id: uid },
      select: { id: true, email: true, name: true, role: true, trusted: true, disabled: true, sessionVersion: true },
    }),
    db.endedSession.findUnique({ where: { id: sid }, select: { id: true } }),
  ]);
  if (!user || ended || user.disabled || !user.role || user.sessionVersion !== sv) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, trusted: user.trusted };
}

/**
 * Signs one session out on the server: its token is refused from now on, wherever a copy of the
 * cookie is. `expiresAt`: when the token would have expired anyway (then the row can go).
 */
export async function endSession(token: SessionToken & { exp?: number }): Promise<void> {
  if (!token.sid || !token.uid) return;
  const expiresAt = new Date((token.exp ?? Date.now() / 1000 + SESSION_MAX_AGE) * 1000);
  await db.$transaction([
    db.endedSession.deleteMany({ where: { expiresAt: { lt: new Date() } } }),
    db.endedSession.upsert({ where: { id: token.sid }, create: { id: token.sid, userId: token.uid, expiresAt }, update: {} }),
  ]);
}

/** How long a session lasts without signing out: 30 days. */
export const SESSION_MAX_AGE = 30 * 24 * 60 * 60;

/**
 * Whether a request carries a session cookie at all (next-auth's "authjs.session-token", with
 * its "__Secure-" prefix and ".0" chunks). Without one there is nobody to look up: public
 * requests (search) skip next-auth's session handling, which costs more than the search's JSON.
 */
export function carriesSessionCookie(headers: Headers): boolean {
  return (headers.get("cookie") ?? "").includes("authjs.session-token");
}
