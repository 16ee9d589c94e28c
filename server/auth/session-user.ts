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

/** Loads the user a session token names, or null if it is no longer valid. */
export async function loadSessionUser(uid: string | undefined, sessionVersion: number | undefined): Promise<SessionUser | null> {
  if (!uid) return null;
  const user = await db.user.findUnique({
    where: { id: uid },
    select: { id: true, email: true, name: true, role: true, trusted: true, disabled: true, sessionVersion: true },
  });
  if (!user || user.disabled || !user.role || user.sessionVersion !== sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, trusted: user.trusted };
}
