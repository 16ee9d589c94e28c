// Email-and-password sign-in, as a plain domain function (next-auth's authorize calls it).
import { z } from "zod";
import { recordAuditEvent } from "../audit/audit";
import { db } from "../db";
import { burnPasswordCheck, verifyPassword } from "./password";
import { clearSignInFailures, recordSignInFailure, signInRetryAfter } from "./sign-in-limiter";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
  password: z.string().min(1).max(1024),
});

export type SignInFailure =
  | { kind: "invalid" }
  | { kind: "rate_limited"; retryAfterSeconds: number };

export type SignInResult = { ok: true; user: { id: string; email: string; name: string; sessionVersion: number } } | ({ ok: false } & SignInFailure);

/**
 * Checks an email and password. Never says which of the two was wrong, and spends the same
 * work on unknown emails. Disabled and role-less accounts are refused like a wrong password.
 */
export async function verifyCredentials(input: unknown, ip: string): Promise<SignInResult> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, kind: "invalid" };
  const { email, password } = parsed.data;

  const retryAfterSeconds = await signInRetryAfter(email, ip);
  if (retryAfterSeconds > 0) {
    await recordAuditEvent(db, { action: "auth.sign_in_rate_limited", subjectType: "email", subjectId: email, ip });
    return { ok: false, kind: "rate_limited", retryAfterSeconds };
  }

  const user = await db.user.findUnique({ where: { email } });
  const passwordOk = user?.passwordHash
    ? await verifyPassword(user.passwordHash, password)
    : (await burnPasswordCheck(password), false);

  if (!user || !passwordOk || user.disabled || !user.role) {
    await recordSignInFailure(email, ip);
    await recordAuditEvent(db, {
      actorId: user?.id,
      action: "auth.sign_in_failed",
      subjectType: "email",
      subjectId: email,
      payload: { reason: !user ? "unknown_email" : !passwordOk ? "wrong_password" : user.disabled ? "disabled" : "no_role" },
      ip,
    });
    return { ok: false, kind: "invalid" };
  }

  await clearSignInFailures(email);
  await db.$transaction([
    db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } }),
    db.auditEvent.create({ data: { actorId: user.id, action: "auth.sign_in", subjectType: "user", subjectId: user.id, ip } }),
  ]);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
}
