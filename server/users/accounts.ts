// Account life cycle: invitations and password-reset links issued by admins, a person choosing
// their password through such a link, changing their own password, and disabling an account.
// Links carry a random token; only its SHA-256 is stored, so a database leak opens no account.
import { createHash, randomBytes } from "node:crypto";
import { recordAuditEvent } from "../audit/audit";
import { hashPassword, verifyPassword } from "../auth/password";
import { assertPasswordAllowed } from "../auth/password-policy";
import { addressKeys, limitFailures, limitResetRequests } from "../auth/sign-in-limiter";
import type { Db } from "../db";
import { badInput, conflict, DomainError, notFound } from "../errors";
import type { Role, UserTokenKind } from "../generated/prisma/enums";
import { mailConfigured, sendMail } from "../mail/mailer";
import { invitationMail, passwordResetMail } from "../mail/messages";

export const TOKEN_LIFETIME_HOURS: Record<UserTokenKind, number> = { invitation: 7 * 24, password_reset: 24 };
const PATHS: Record<UserTokenKind, string> = { invitation: "/invitations", password_reset: "/reset-password" };

const digest = (token: string) => createHash("sha256").update(token).digest("hex");

/** A fresh link of this kind for the user; earlier unused links of the same kind stop working. */
async function issueToken(db: Db, input: { userId: string; kind: UserTokenKind; actorId: string | null; baseUrl: string }) {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + TOKEN_LIFETIME_HOURS[input.kind] * 3600_000);
  await db.$transaction([
    db.userToken.updateMany({ where: { userId: input.userId, kind: input.kind, usedAt: null }, data: { usedAt: new Date() } }),
    db.userToken.create({ data: { userId: input.userId, kind: input.kind, tokenHash: digest(token), expiresAt, createdById: input.actorId } }),
  ]);
  return { url: `${input.baseUrl.replace(/\/$/, "")}${PATHS[input.kind]}/${token}`, expiresAt };
}

/** A fresh reset link for the user, also sent by email when mail is set up. */
async function mailResetLink(db: Db, input: { user: { id: string; email: string }; actorId: string | null; baseUrl: string }) {
  const link = await issueToken(db, { userId: input.user.id, kind: "password_reset", actorId: input.actorId, baseUrl: input.baseUrl });
  return { ...link, emailed: await sendMail(passwordResetMail({ to: input.user.email, ...link })) };
}

/**
 * Admins invite a person by email with a role. The account exists at once (so the role and the
 * invitation show in the user list) but has no password until the link is used.
 */
export async function inviteUser(db: Db, input: { actorId: string; email: string; name: string; role: Role; baseUrl: string }) {
  const email = input.email.trim().toLowerCase();
  const existing = await db.user.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
  if (existing?.passwordHash) throw conflict(`${email} already has an account; issue a password-reset link instead.`);
  const user = existing
    ? await db.user.update({ where: { id: existing.id }, data: { name: input.name.trim(), role: input.role, disabled: false } })
    : await db.user.create({ data: { email, name: input.name.trim(), role: input.role } });
  const link = await issueToken(db, { userId: user.id, kind: "invitation", actorId: input.actorId, baseUrl: input.baseUrl });
  const emailed = await sendMail(invitationMail({ to: email, name: user.name, role: input.role, ...link }));
  await recordAuditEvent(db, { actorId: input.actorId, action: "user.invite", subjectType: "user", subjectId: user.id, payload: { email, role: input.role, expiresAt: link.expiresAt.toISOString(), emailed } });
  return { userId: user.id, email, ...link, emailed };
}

/** Admins issue a password-reset link for an account (shown to copy, or sent by email). */
export async function issuePasswordReset(db: Db, input: { actorId: string; userId: string; baseUrl: string }) {
  const user = await db.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true } });
  if (!user) throw notFound("That user");
  const { emailed, ...link } = await mailResetLink(db, { user, actorId: input.actorId, baseUrl: input.baseUrl });
  await recordAuditEvent(db, { actorId: input.actorId, action: "user.password_reset_issued", subjectType: "user", subjectId: user.id, payload: { expiresAt: link.expiresAt.toISOString(), emailed } });
  return { email: user.email, ...link, emailed };
}

/**
 * "Forgot your password?": anyone may ask for a reset link by email. The answer is the same
 * whether or not the address has an account, and comes before any mail is sent (so its timing
 * says nothing either); requests are limited per address and per client (429 past that).
 * Needs SMTP: without it, admins issue reset links.
 */
export async function requestPasswordReset(db: Db, input: { email: string; ip: string; baseUrl: string }) {
  if (!mailConfigured()) throw new DomainError("PRECONDITION_FAILED", "Password reset by email is not set up here. Ask an administrator for a reset link.");
  const email = input.email.trim().toLowerCase();
  await limitResetRequests(email, input.ip);
  void (async () => {
    const user = await db.user.findUnique({ where: { email }, select: { id: true, disabled: true } });
    const eligible = !!user && !user.disabled;
    await recordAuditEvent(db, { actorId: user?.id ?? null, action: "user.password_reset_requested", subjectType: "email", subjectId: email, payload: { sent: eligible }, ip: input.ip });
    if (eligible) await mailResetLink(db, { user: { id: user.id, email }, actorId: null, baseUrl: input.baseUrl });
  })().catch((error: unknown) => console.warn("Password-reset request failed:", error));
  return { email };
}

const invalidLink = () => new DomainError("NOT_FOUND", "This link is not valid: it was used, replaced by a newer one, or has expired. Ask an admin for a new one.");

/** The link's row if it can still be used: this kind, unused, unexpired, its account enabled. */
async function usableToken(db: Db, token: string, kind: UserTokenKind) {
  const row = await db.userToken.findUnique({
    where: { tokenHash: digest(token) },
    include: { user: { select: { id: true, email: true, name: true, disabled: true } } },
  });
  return row && row.kind === kind && !row.usedAt && row.expiresAt >= new Date() && !row.user.disabled ? row : null;
}

/** What the page behind a link shows: whose account it is, or that the link is no longer valid. */
export async function describeToken(db: Db, token: string, kind: UserTokenKind) {
  const row = await usableToken(db, token, kind);
  return row ? { email: row.user.email, name: row.user.name, expiresAt: row.expiresAt } : null;
}

/**
 * A person uses an invitation or reset link to choose a password. The link works once; every
 * session the account had ends (its session version moves on).
 */
export function redeemToken(db: Db, input: { token: string; kind: UserTokenKind; password: string; name?: string; ip: string }) {
  return limitFailures(addressKeys(input.ip), () => redeem(db, input));
}

async function redeem(db: Db, input: { token: string; kind: UserTokenKind; password: string; name?: string; ip: string }) {
  const row = await usableToken(db, input.token, input.kind);
  if (!row) throw invalidLink();
  const name = input.name?.trim() || row.user.name;
  await assertPasswordAllowed(input.password, [row.user.email, name]);
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    // Claim the link: a second use racing this one updates nothing and is refused.
    const claimed = await tx.userToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: new Date() } });
    if (claimed.count !== 1) throw invalidLink();
    await tx.user.update({ where: { id: row.user.id }, data: { passwordHash, name, sessionVersion: { increment: 1 } } });
    await recordAuditEvent(tx, {
      actorId: row.user.id,
      action: input.kind === "invitation" ? "user.invitation_accepted" : "user.password_reset",
      subjectType: "user",
      subjectId: row.user.id,
      ip: input.ip,
    });
    return { email: row.user.email };
  });
}

/** Anyone signed in changes their own password; the current one is required. */
export function changeOwnPassword(db: Db, input: { userId: string; currentPassword: string; newPassword: string; ip: string }) {
  return limitFailures([`user:${input.userId}`, ...addressKeys(input.ip)], () => changePassword(db, input));
}

async function changePassword(db: Db, input: { userId: string; currentPassword: string; newPassword: string; ip: string }) {
  const user = await db.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true, name: true, passwordHash: true } });
  if (!user) throw notFound("That user");
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await recordAuditEvent(db, { actorId: user.id, action: "user.password_change_failed", subjectType: "user", subjectId: user.id, ip: input.ip });
    throw badInput("That is not your current password.", "currentPassword");
  }
  if (input.newPassword === input.currentPassword) throw badInput("The new password is the same as the current one.", "password");
  await assertPasswordAllowed(input.newPassword, [user.email, user.name]);
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    // Other sessions end; the caller signs in again with the new password.
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await recordAuditEvent(tx, { actorId: user.id, action: "user.password_change", subjectType: "user", subjectId: user.id, ip: input.ip });
  });
  return { ok: true as const };
}

/** Admins disable (or enable) an account; a disabled user's next request is signed out. */
export async function setUserDisabled(db: Db, input: { actorId: string; userId: string; disabled: boolean }) {
  if (input.actorId === input.userId) throw badInput("You cannot disable your own account; ask another admin.", "disabled");
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { disabled: true } });
    if (!user) throw notFound("That user");
    await tx.user.update({
      where: { id: input.userId },
      data: { disabled: input.disabled, ...(input.disabled ? { sessionVersion: { increment: 1 } } : {}) },
    });
    if (user.disabled !== input.disabled) {
      await recordAuditEvent(tx, { actorId: input.actorId, action: input.disabled ? "user.disable" : "user.enable", subjectType: "user", subjectId: input.userId });
    }
    return { id: input.userId, disabled: input.disabled };
  });
}

/** What /account shows: whether the user has a password here, their institutional sign-ins, their preferences. */
export async function accountOverview(db: Db, userId: string) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      passwordHash: true,
      reviewShortcuts: true,
      identities: { select: { issuer: true, email: true, lastUsedAt: true }, orderBy: { lastUsedAt: "desc" } },
    },
  });
  if (!user) throw notFound("That user");
  return { hasPassword: user.passwordHash !== null, identities: user.identities, preferences: { reviewShortcuts: user.reviewShortcuts } };
}

/** One's own preferences: single-key shortcuts on review pages on or off. */
export async function setPreferences(db: Db, input: { userId: string; reviewShortcuts: boolean }) {
  const user = await db.user.update({ where: { id: input.userId }, data: { reviewShortcuts: input.reviewShortcuts }, select: { reviewShortcuts: true } });
  return { reviewShortcuts: user.reviewShortcuts };
}
