// Email-and-password sign-in, as a plain domain function (next-auth's authorize calls it).
import { z } from "zod";
import { recordAuditEvent } from "../audit/audit";
import { db } from "../db";
import { burnPasswordCheck, verifyPassword } from "./password";
import { deviceFor, issueDeviceCookie } from "./device-cookie";
import { claimSignIn, signInFailed, signInSucceeded } from "./sign-in-limiter";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
  password: z.string().min(1).max(1024),
});

export type SignInFailure =
  | { kind: "invalid" }
  | { kind: "rate_limited"; retryAfterSeconds: number };

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; sessionVersion: number }; deviceCookie: string }
  | ({ ok: false } & SignInFailure);

/**
 * Checks an email and password. Never says which of the two was wrong, and spends the same
 * work on unknown emails. Disabled and role-less accounts are refused like a wrong password.
 * The attempt is counted against the sign-in limits before the password is checked, so parallel
 * guesses cannot outrun them. `deviceCookie`: the browser's device cookie, if any; on success the
 * answer carries the one to keep (server/auth/device-cookie.ts).
 */
export async function verifyCredentials(input: unknown, ip: string, deviceCookie?: string | null): Promise<SignInResult> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, kind: "invalid" };
  const { email, password } = parsed.data;
  const device = deviceFor(deviceCookie, email);

  const claims = await claimSignIn({ email, ip, device });
  if (typeof claims === "number") {
    await recordAuditEvent(db, { action: "auth.sign_in_rate_limited", subjectType: "email", subjectId: email, ip });
    return { ok: false, kind: "rate_limited", retryAfterSeconds: claims };
  }

  const user = await db.user.findUnique({ where: { email } });
  const passwordOk = user?.passwordHash
    ? await verifyPassword(user.passwordHash, password)
    : (await burnPasswordCheck(password), false);

  if (!user || !passwordOk || user.disabled || !user.role) {
    await signInFailed(claims);
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

  await signInSucceeded(claims);
  await db.$transaction([
    db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } }),
    db.auditEvent.create({ data: { actorId: user.id, action: "auth.sign_in", subjectType: "user", subjectId: user.id, ip } }),
  ]);
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion },
    deviceCookie: device && deviceCookie ? deviceCookie : issueDeviceCookie(email),
  };
}
