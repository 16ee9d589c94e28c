import { describe, expect, it } from "vitest";
import { verifyCredentials } from "../../server/auth/credentials";
import { deviceFor } from "../../server/auth/device-cookie";
import { ACCOUNT_FAILURES_ALLOWED, ACCOUNT_LIMIT, UNTRUSTED_ACCOUNT_LIMIT, waitAfter } from "../../server/auth/sign-in-limiter";
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

  it("locks one address out of an account after repeated failures, even for the right password, and says when to retry", async () => {
    const user = await makeUser("editor");
    for (let i = 0; i < ACCOUNT_FAILURES_ALLOWED; i++) {
      expect((await verifyCredentials({ email: user.email, password: `wrong-${i}-password` }, "10.1.0.1")).ok).toBe(false);
    }
    const locked = await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, "10.1.0.1");
    expect(locked).toMatchObject({ ok: false, kind: "rate_limited" });
    if (!locked.ok && locked.kind === "rate_limited") expect(locked.retryAfterSeconds).toBeGreaterThan(55);
    expect(await db.auditEvent.count({ where: { action: "auth.sign_in_failed", actorId: user.id } })).toBe(ACCOUNT_FAILURES_ALLOWED);
    // Another address is not held by this one's failures.
    expect((await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, "10.1.0.2")).ok).toBe(true);
  });

  it("checks no more passwords than the allowance when many attempts arrive at once", async () => {
    const user = await makeUser("editor");
    const attempts = await Promise.all(
      Array.from({ length: 40 }, (_, i) => verifyCredentials({ email: user.email, password: `wrong-${i}-password` }, "10.3.0.1")),
    );
    expect(attempts.every((a) => !a.ok)).toBe(true);
    expect(attempts.filter((a) => !a.ok && a.kind === "rate_limited").length).toBe(40 - ACCOUNT_FAILURES_ALLOWED);
    expect(await db.auditEvent.count({ where: { action: "auth.sign_in_failed", actorId: user.id } })).toBe(ACCOUNT_FAILURES_ALLOWED);
    // The right password, sent after the burst, is refused too: the limit held.
    expect(await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, "10.3.0.1")).toMatchObject({ ok: false, kind: "rate_limited" });
  });

  it("slows guessing from many addresses account-wide, but never locks out the owner's own browser", async () => {
    const user = await makeUser("editor");
    const owner = await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, "10.4.0.1");
    if (!owner.ok) throw new Error("the owner could not sign in");
    expect(deviceFor(owner.deviceCookie, user.email)).not.toBeNull();
    expect(deviceFor(owner.deviceCookie, "someone.else@example.test")).toBeNull();

    // A stranger guesses from many addresses until the account-wide limit for untrusted clients holds.
    for (let i = 0; i < UNTRUSTED_ACCOUNT_LIMIT.free; i++) {
      await verifyCredentials({ email: user.email, password: `guess-${i}-password` }, `10.5.${i}.1`);
    }
    expect(await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, "10.5.99.1")).toMatchObject({ ok: false, kind: "rate_limited" });
    expect(UNTRUSTED_ACCOUNT_LIMIT.maxWait).toBeLessThan(ACCOUNT_LIMIT.maxWait);
    // The owner's browser, with its device cookie, signs in from the same addresses the stranger used.
    expect((await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, "10.5.0.1", owner.deviceCookie)).ok).toBe(true);
    // A forged or foreign device cookie is no cookie at all.
    const forged = `${"A".repeat(22)}.${"B".repeat(43)}`;
    expect(await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, "10.5.98.1", forged)).toMatchObject({ ok: false, kind: "rate_limited" });
  });

  it("gives a browser that guesses with a device cookie only its own allowance", async () => {
    const user = await makeUser("editor");
    const owner = await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, "10.6.0.1");
    if (!owner.ok) throw new Error("the owner could not sign in");
    for (let i = 0; i < ACCOUNT_FAILURES_ALLOWED; i++) {
      await verifyCredentials({ email: user.email, password: `wrong-${i}-password` }, `10.6.1.${i}`, owner.deviceCookie);
    }
    expect(await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, "10.6.2.1", owner.deviceCookie)).toMatchObject({ ok: false, kind: "rate_limited" });
    // Other clients are not held by that browser's failures.
    expect((await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, "10.6.3.1")).ok).toBe(true);
  });

  it("makes each further failure wait twice as long, up to an hour; a success forgets them", async () => {
    const user = await makeUser("editor");
    const ip = "10.2.0.1";
    const fail = () => verifyCredentials({ email: user.email, password: "wrong password here" }, ip);
    // Time passing: the current wait ends (the limiter keeps its state in PostgreSQL).
    const waitEnds = () => db.$executeRaw`UPDATE rate_limits SET expire = 0 WHERE key LIKE ${`signin\_%\_wait:${user.email}%`}`;
    const retryAfter = async () => {
      const r = await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, ip);
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
    expect((await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, ip)).ok).toBe(true);
    expect((await fail()).ok).toBe(false);
    expect(await retryAfter()).toBe(0); // counting starts again after a success
  });
});
