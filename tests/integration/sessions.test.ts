import { describe, expect, it } from "vitest";
import { endSession, loadSessionUser } from "../../server/auth/session-user";
import { db } from "../../server/db";
import { callerFor, makeUser } from "../support/callers";

describe("sessions are re-checked against the database on every request", () => {
  it("a disabled user loses access on the next request", async () => {
    const user = await makeUser("editor");
    expect(await loadSessionUser({ uid: user.id, sv: 1, sid: "s1" })).not.toBeNull();
    await db.user.update({ where: { id: user.id }, data: { disabled: true } });
    expect(await loadSessionUser({ uid: user.id, sv: 1, sid: "s1" })).toBeNull();
  });

  it("bumping the session version signs the user out everywhere", async () => {
    const user = await makeUser("reviewer");
    await db.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await loadSessionUser({ uid: user.id, sv: 1, sid: "s1" })).toBeNull();
    expect(await loadSessionUser({ uid: user.id, sv: 2, sid: "s1" })).not.toBeNull();
  });

  it("a demoted admin is refused admin procedures on the next request", async () => {
    const admin = await makeUser("admin");
    const other = await makeUser("admin");
    await expect((await callerFor(admin)).users.list()).resolves.toBeInstanceOf(Array);
    await (await callerFor(other)).users.setRole({ userId: admin.id, role: "editor" });
    await expect((await callerFor(admin)).users.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    const audit = await db.auditEvent.findFirst({ where: { action: "user.role_change", subjectId: admin.id } });
    expect(audit?.payload).toEqual({ from: "admin", to: "editor" });
  });

  it("trust is an editor's status: refused for reviewers, ended (and audited) by a promotion", async () => {
    const admin = await callerFor(await makeUser("admin"));
    const reviewer = await makeUser("reviewer");
    await expect(admin.users.setTrusted({ userId: reviewer.id, trusted: true })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const editor = await makeUser("editor", { trusted: true });
    await admin.users.setRole({ userId: editor.id, role: "reviewer" });
    expect((await db.user.findUniqueOrThrow({ where: { id: editor.id } })).trusted).toBe(false);
    expect(await db.auditEvent.count({ where: { action: "user.trust_change", subjectId: editor.id } })).toBe(1);
  });

  it("an admin cannot change their own role", async () => {
    const admin = await makeUser("admin");
    await expect((await callerFor(admin)).users.setRole({ userId: admin.id, role: "editor" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("signing out ends that session for every copy of its token, and no other session", async () => {
    const user = await makeUser("editor");
    const token = { uid: user.id, sv: 1, sid: `sid-${user.id}`, exp: Math.floor(Date.now() / 1000) + 3600 };
    expect(await loadSessionUser(token)).not.toBeNull();
    await endSession(token);
    expect(await loadSessionUser(token)).toBeNull();
    expect(await loadSessionUser({ ...token, sid: `other-${user.id}` })).not.toBeNull();
    await endSession(token); // twice: no error
    // A token without a session id (issued before sessions could end) is no session.
    expect(await loadSessionUser({ uid: user.id, sv: 1 })).toBeNull();
  });

  it("an unknown user id is no session", async () => {
    expect(await loadSessionUser({ uid: "no-such-user", sv: 1, sid: "s1" })).toBeNull();
    expect(await loadSessionUser({ uid: undefined, sv: undefined, sid: "s1" })).toBeNull();
  });
});
