// Role-aware tRPC callers over the real router and database, without HTTP
// (the pattern of Karakeep's getApiCaller).
import { TRPCError } from "@trpc/server";
import { createCaller } from "../../server/api/root";
import { createContextInner } from "../../server/api/trpc";
import { loadSessionUser } from "../../server/auth/session-user";
import { db } from "../../server/db";
import type { Role } from "../../server/generated/prisma/enums";
import { createUser } from "../../server/users/users";

let counter = 0;
export const TEST_PASSWORD = "correct horse battery staple";

export async function makeUser(role: Role | null, overrides: { disabled?: boolean; trusted?: boolean } = {}) {
  counter += 1;
  const user = await createUser(db, { email: `${role ?? "norole"}${counter}-${Date.now()}@example.test`, name: `Test ${role} ${counter}`, password: TEST_PASSWORD, role });
  if (overrides.disabled || overrides.trusted) await db.user.update({ where: { id: user.id }, data: overrides });
  return user;
}

/** A caller as the given user would be after the session check of a real request. */
export async function callerFor(user: { id: string } | null) {
  const full = user ? await db.user.findUniqueOrThrow({ where: { id: user.id } }) : null;
  const sessionUser = full ? await loadSessionUser({ uid: full.id, sv: full.sessionVersion, sid: "s1" }) : null;
  return createCaller(createContextInner({ user: sessionUser }));
}

/** The tRPC error code a call ends with, or "ok": for tables of who may do what. */
export function trpcCode(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => "ok",
    (error: unknown) => (error instanceof TRPCError ? error.code : `unexpected ${String(error)}`),
  );
}
