import { describe, expect, it } from "vitest";
import { verifyCredentials } from "../../server/auth/credentials";
import { ACCOUNT_FAILURES_ALLOWED, ACCOUNT_LIMIT, waitAfter } from "../../server/auth/sign-in-limiter";
import { db } from "../../server/db";
import { makeUser, TEST_PASSWORD } from "../support/callers";

describe("email and password sign-in", () => {
  it("accepts the right password, case-insensitively on the email, and audits it", async () => {
    const user = await makeUser("editor");
    const result = await verifyCredentials({ email: user.email.toUpperCase(), password: TEST_PASSWORD }, "10.0.0.1");
    expect(result).toMatchObject({ ok: true, user: { id: user.id } });
    expect(await db.auditEvent.count({ where: { action: "auth.sign_in", actorId: user.id } })).toBe(1);
  });

  it("refuses a wrong password and an unknown email with the same answer", async () => {
    const user = await makeUser("editor");
    expect(await verifyCredentials({ email: user.email, password: "wrong password!" }, "10.0.0.2")).toEqual({ ok: false, kind: "invalid" });
    expect(await verifyCredentials({ email: "nobody@example.test", password: "whatever12345" }, "10.0.0.2")).toEqual({ ok: false, kind: "invalid" });
    expect(await verifyCredentials({ email: "not an email", password: "" }, "10.0.0.2")).toEqual({ ok: false, kind: "invalid" });
  });

  it("refuses disabled and role-less accounts even with the right password", async () => {
    const disabled = await makeUser("admin", { disabled: true });
    const roleless = await makeUser(null);
    expect((await verifyCredentials({ email: disabled.email, password: TEST_PASSWORD }, "10.0.0.3")).ok).toBe(false);
    expect((await verifyCredentials({ email: roleless.email, password: TEST_PASSWORD }, "10.0.0.3")).ok).toBe(false);
  });

  it("locks an account after repeated failures, even for the right password, and says when to retry", async () => {
    const user = await makeUser("editor");
    for (let i = 0; i < ACCOUNT_FAILURES_ALLOWED; i++) {
      expect((await verifyCredentials({ email: user.email, password: `wrong-${i}-password` }, `10.1.0.${i}`)).ok).toBe(false);
    }
    const locked = await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, "10.1.1.1");
    expect(locked).toMatchObject({ ok: false, kind: "rate_limited" });
    if (!locked.ok && locked.kind === "rate_limited") expect(locked.retryAfterSeconds).toBeGreaterThan(55);
    expect(await db.auditEvent.count({ where: { action: "auth.sign_in_failed", actorId: user.id } })).toBe(ACCOUNT_FAILURES_ALLOWED);
  });

  it("makes each further failure wait twice as long, up to an hour; a success forgets them", async () => {
    const user = await makeUser("editor");
    const fail = () => verifyCredentials({ email: user.email, password: "wrong password here" }, "10.2.0.1");
    // Time passing: the current wait ends (the limiter keeps its state in PostgreSQL).
    const waitEnds = () => db.$executeRaw`UPDATE rate_limits SET expire = 0 WHERE key = ${`signin_account_wait:${user.email}`}`;
    const retryAfter = async () => {
      const r = await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, "10.2.0.2");
      return !r.ok && r.kind === "rate_limited" ? r.retryAfterSeconds : 0;
    };
    for (let i = 0; i < ACCOUNT_FAILURES_ALLOWED; i++) await fail();
    const waits = [await retryAfter()];
    for (let i = 0; i < 3; i++) {
      await waitEnds();
      expect((await fail()).ok).toBe(false);
      waits.push(await retryAfter());
    }
    expect(waits.map((w) => Math.round(w / 60))).toEqual([1, 2, 4, 8]);
    expect(waitAfter(ACCOUNT_LIMIT, 40)).toBe(3600);

    await waitEnds();
    expect((await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, "10.2.0.3")).ok).toBe(true);
    expect((await fail()).ok).toBe(false);
    expect(await retryAfter()).toBe(0); // counting starts again after a success
  });
});
