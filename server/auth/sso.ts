// Institutional sign-in (OpenID Connect): who a verified identity at the provider is here.
// next-auth runs the protocol (discovery, PKCE, state, nonce, ID token and userinfo checks);
// this decides the account. No next-auth import: tests call it directly.
import { z } from "zod";
import { recordAuditEvent } from "../audit/audit";
import type { Db } from "../db";
import type { Role } from "../generated/prisma/enums";

/** The claims we use, from the provider's userinfo (next-auth checked its `sub` against the ID token). */
export const identityClaimsSchema = z.object({
  sub: z.string().min(1).max(255),
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)).optional().catch(undefined),
  email_verified: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]).optional().catch(undefined),
  name: z.string().trim().max(200).optional().catch(undefined),
  preferred_username: z.string().trim().max(200).optional().catch(undefined),
});
export type IdentityClaims = z.infer<typeof identityClaimsSchema>;

/** Why an institutional sign-in did not sign anyone in; each is shown on /sign-in?error=… */
export type SsoRefusal = "awaiting_role" | "no_email" | "email_in_use" | "refused";

export const SSO_MESSAGES: Record<SsoRefusal, string> = {
  awaiting_role: "Your institutional account is known to Dossier now, but has no role yet. An administrator will grant you one; then sign in again.",
  no_email: "Your institution's sign-in did not share a verified email address, which Dossier needs for a new account. Ask an administrator.",
  email_in_use: "An account with your email address already exists here, and your institution has not verified that address. Sign in with your password, or ask an administrator.",
  refused: "That account cannot sign in. Ask an administrator.",
};

export type SsoResult =
  | { ok: true; user: { id: string; email: string; name: string; sessionVersion: number } }
  | { ok: false; reason: SsoRefusal };

/**
 * Finds or creates the user for an identity the provider vouched for:
 * 1. an identity seen before signs in as its user;
 * 2. a new identity with a verified email links to the user with that email (an invited
 *    person, or a password account of the same person);
 * 3. otherwise a new user without a password, with `defaultRole` or no role at all (an admin
 *    grants one on /admin/users; until then sign-in is refused with "awaiting_role").
 * Disabled users are refused. Every outcome is audited.
 */
export async function signInWithIdentity(
  db: Db,
  input: { issuer: string; claims: unknown; ip?: string | null; defaultRole?: Role | null },
): Promise<SsoResult> {
  const parsed = identityClaimsSchema.safeParse(input.claims);
  if (!parsed.success) return { ok: false, reason: "refused" };
  const claims = parsed.data;
  const { issuer, ip = null } = input;
  const verifiedEmail = claims.email_verified === true ? claims.email : undefined;

  const outcome = await db.$transaction(async (tx) => {
    const known = await tx.userIdentity.findUnique({ where: { issuer_subject: { issuer, subject: claims.sub } }, include: { user: true } });
    if (known) {
      await tx.userIdentity.update({ where: { id: known.id }, data: { lastUsedAt: new Date(), email: claims.email ?? known.email } });
      return { user: known.user };
    }
    const byEmail = claims.email ? await tx.user.findUnique({ where: { email: claims.email } }) : null;
    if (byEmail && !verifiedEmail) return { refusal: "email_in_use" as const };
    if (!byEmail && !verifiedEmail) return { refusal: "no_email" as const };
    const user =
      byEmail ??
      (await tx.user.create({
        data: { email: verifiedEmail!, name: claims.name || claims.preferred_username || verifiedEmail!.split("@")[0]!, passwordHash: null, role: input.defaultRole ?? null },
      }));
    await tx.userIdentity.create({ data: { userId: user.id, issuer, subject: claims.sub, email: claims.email } });
    await recordAuditEvent(tx, {
      actorId: user.id,
      action: byEmail ? "auth.sso_linked" : "user.create",
      subjectType: "user",
      subjectId: user.id,
      payload: byEmail ? { issuer } : { issuer, role: user.role, via: "sso" },
      ip,
    });
    return { user };
  });

  if ("refusal" in outcome) {
    await recordAuditEvent(db, { action: "auth.sign_in_failed", subjectType: "email", subjectId: claims.email ?? claims.sub, payload: { reason: outcome.refusal, issuer }, ip });
    return { ok: false, reason: outcome.refusal! };
  }
  const { user } = outcome;
  if (user.disabled || !user.role) {
    const reason = user.disabled ? "refused" : "awaiting_role";
    await recordAuditEvent(db, { actorId: user.id, action: "auth.sign_in_failed", subjectType: "email", subjectId: user.email, payload: { reason: user.disabled ? "disabled" : "no_role", issuer }, ip });
    return { ok: false, reason };
  }
  await db.$transaction([
    db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } }),
    db.auditEvent.create({ data: { actorId: user.id, action: "auth.sign_in", subjectType: "user", subjectId: user.id, payload: { method: "sso", issuer }, ip } }),
  ]);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
}
