// Institutional sign-in: which user a provider-verified identity signs in as, or why not.
import { describe, expect, it } from "vitest";
import { signInWithIdentity } from "../../server/auth/sso";
import { db } from "../../server/db";
import { callerFor, makeUser } from "../support/callers";

const ISSUER = "https://idp.university.test";
let n = 0;
const person = (overrides: Record<string, unknown> = {}) => {
  n += 1;
  return { sub: `staff-${n}-${Date.now()}`, email: `person${n}-${Date.now()}@university.test`, email_verified: true, name: `Person ${n}`, ...overrides };
};

describe("institutional sign-in", () => {
  it("a first-time user gets an account without a role and waits for an admin; then signs in", async () => {
    const claims = person();
    expect(await signInWithIdentity(db, { issuer: ISSUER, claims, ip: "10.9.0.1" })).toEqual({ ok: false, reason: "awaiting_role" });
    const user = await db.user.findUniqueOrThrow({ where: { email: claims.email }, include: { identities: true } });
    expect(user).toMatchObject({ role: null, passwordHash: null, name: claims.name });
    expect(user.identities).toMatchObject([{ issuer: ISSUER, subject: claims.sub }]);

    // The admin sees them waiting and grants a role.
    const admin = await callerFor(await makeUser("admin"));
    const listed = (await admin.users.list({ q: claims.email })).find((u) => u.id === user.id);
    expect(listed).toMatchObject({ role: null, sso: true, invited: false });
    await admin.users.setRole({ userId: user.id, role: "editor" });

    const again = await signInWithIdentity(db, { issuer: ISSUER, claims, ip: "10.9.0.1" });
    expect(again).toMatchObject({ ok: true, user: { id: user.id } });
    const actions = (await db.auditEvent.findMany({ where: { actorId: user.id }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["user.create", "auth.sign_in_failed", "auth.sign_in"]);
    // One account, however often they come back.
    expect(await db.user.count({ where: { email: claims.email } })).toBe(1);
  });

  it("a default role from the environment lets a first-time user in at once", async () => {
    const result = await signInWithIdentity(db, { issuer: ISSUER, claims: person(), defaultRole: "editor" });
    expect(result.ok).toBe(true);
    if (result.ok) expect((await db.user.findUniqueOrThrow({ where: { id: result.user.id } })).role).toBe("editor");
  });

  it("links an existing account by a verified email, but not by an unverified one", async () => {
    const existing = await makeUser("reviewer");
    const unverified = await signInWithIdentity(db, { issuer: ISSUER, claims: person({ email: existing.email, email_verified: false }) });
    expect(unverified).toEqual({ ok: false, reason: "email_in_use" });
    expect(await db.userIdentity.count({ where: { userId: existing.id } })).toBe(0);

    const verified = await signInWithIdentity(db, { issuer: ISSUER, claims: person({ email: existing.email.toUpperCase() }) });
    expect(verified).toMatchObject({ ok: true, user: { id: existing.id } });
    expect(await db.auditEvent.count({ where: { actorId: existing.id, action: "auth.sso_linked" } })).toBe(1);
  });

  it("refuses a new identity without a verified email, disabled users, and malformed claims", async () => {
    expect(await signInWithIdentity(db, { issuer: ISSUER, claims: person({ email: undefined }) })).toEqual({ ok: false, reason: "no_email" });
    expect(await signInWithIdentity(db, { issuer: ISSUER, claims: person({ email_verified: "false" }) })).toEqual({ ok: false, reason: "no_email" });

    const claims = person();
    const first = await signInWithIdentity(db, { issuer: ISSUER, claims, defaultRole: "admin" });
    expect(first.ok).toBe(true);
    if (first.ok) await db.user.update({ where: { id: first.user.id }, data: { disabled: true } });
    expect(await signInWithIdentity(db, { issuer: ISSUER, claims })).toEqual({ ok: false, reason: "refused" });

    expect(await signInWithIdentity(db, { issuer: ISSUER, claims: { sub: "" } })).toEqual({ ok: false, reason: "refused" });
    expect(await signInWithIdentity(db, { issuer: ISSUER, claims: null })).toEqual({ ok: false, reason: "refused" });
  });

  it("the same subject at another issuer is another identity", async () => {
    const claims = person();
    const a = await signInWithIdentity(db, { issuer: ISSUER, claims, defaultRole: "editor" });
    const b = await signInWithIdentity(db, { issuer: "https://other-idp.test", claims: { ...claims, email: `other-${claims.email}` }, defaultRole: "editor" });
    expect(a.ok && b.ok && a.user.id !== b.user.id).toBe(true);
  });
});
