// User management (admin). Sign-in state is re-read from here on every request.
import { recordAuditEvent } from "../audit/audit";
import { hashPassword } from "../auth/password";
import { assertPasswordAllowed } from "../auth/password-policy";
import type { Db } from "../db";
import { badInput, conflict, notFound } from "../errors";
import type { User } from "../generated/prisma/client";
import type { Role } from "../generated/prisma/enums";

/** Admins' list: everyone, or those whose name or email contains `q`; people waiting for a role first. */
export async function listUsers(db: Db, filter: { q?: string } = {}) {
  const q = filter.q?.trim();
  const users = await db.user.findMany({
    where: q ? { OR: [{ name: { contains: q, mode: "insensitive" } }, { email: { contains: q, mode: "insensitive" } }] } : undefined,
    orderBy: [{ role: { sort: "asc", nulls: "first" } }, { email: "asc" }],
    select: {
      id: true, email: true, name: true, role: true, trusted: true, disabled: true, lastSignInAt: true, createdAt: true, passwordHash: true,
      _count: { select: { identities: true } },
    },
  });
  // "invited": no password chosen yet and no institutional sign-in. The hash never leaves here.
  return users.map(({ passwordHash, _count, ...u }) => ({ ...u, sso: _count.identities > 0, invited: passwordHash === null && _count.identities === 0 }));
}

export async function createUser(
  db: Db,
  input: { email: string; name: string; password: string; role: Role | null; actorId?: string | null },
) {
  await assertPasswordAllowed(input.password, [input.email, input.name]);
  const email = input.email.trim().toLowerCase();
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) throw conflict(`A user with the email ${email} already exists.`);
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email, name: input.name.trim(), passwordHash, role: input.role },
      select: { id: true, email: true, name: true, role: true },
    });
    await recordAuditEvent(tx, { actorId: input.actorId ?? null, action: "user.create", subjectType: "user", subjectId: user.id, payload: { role: input.role } });
    return user;
  });
}

/** Sets one setting of a user, audited with its old and new value, in one transaction. */
async function changeSetting<K extends "role" | "trusted">(
  db: Db,
  input: { actorId: string; userId: string; key: K; value: NonNullable<User[K]>; action: "user.role_change" | "user.trust_change" },
) {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { role: true, trusted: true } });
    if (!user) throw notFound("That user");
    // Trusted is an editor's status (docs/decisions/0012-hardening-policies.md): it cannot be
    // set on a reviewer or admin, and a promotion ends it, so those who review always have their
    // own changes reviewed by someone else.
    if (input.key === "trusted" && input.value === true && user.role !== "editor") {
      throw badInput("Only editors can be trusted: a reviewer's or admin's own changes always go to another reviewer.", "trusted");
    }
    const endsTrust = input.key === "role" && input.value !== "editor" && user.trusted;
    await tx.user.update({ where: { id: input.userId }, data: { [input.key]: input.value, ...(endsTrust ? { trusted: false } : {}) } });
    if (endsTrust) {
      await recordAuditEvent(tx, { actorId: input.actorId, action: "user.trust_change", subjectType: "user", subjectId: input.userId, payload: { from: true, to: false } });
    }
    await recordAuditEvent(tx, {
      actorId: input.actorId,
      action: input.action,
      subjectType: "user",
      subjectId: input.userId,
      payload: { from: user[input.key], to: input.value },
    });
    return { id: input.userId, [input.key]: input.value } as { id: string } & Pick<{ role: Role; trusted: boolean }, K>;
  });
}

/** Changes a user's role; effective on their next request. An admin cannot demote themselves. */
export async function setUserRole(db: Db, input: { actorId: string; userId: string; role: Role }) {
  if (input.actorId === input.userId) throw badInput("You cannot change your own role; ask another admin.", "role");
  return changeSetting(db, { actorId: input.actorId, userId: input.userId, key: "role", value: input.role, action: "user.role_change" });
}

/** Marks an editor trusted (their requests are approved on submission) or not. */
export async function setUserTrusted(db: Db, input: { actorId: string; userId: string; trusted: boolean }) {
  return changeSetting(db, { actorId: input.actorId, userId: input.userId, key: "trusted", value: input.trusted, action: "user.trust_change" });
}
