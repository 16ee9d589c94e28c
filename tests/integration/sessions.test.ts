import { describe, expect, it } from "vitest";
import { loadSessionUser } from "../../server/auth/session-user";
import { db } from "../../server/db";
import { callerFor, makeUser } from "../support/callers";

describe("sessions are re-checked against the database on every request", () => {
  it("a disabled user loses access on the next request", async () => {
    const user = await makeUser("editor");
    expect(await loadSessionUser(user.id, 1)).not.toBeNull();
    await db.user.update({ where: { id: user.id }, data: { disabled: true } });
    expect(await loadSessionUser(user.id, 1)).toBeNull();
  });

  it("bumping the session version signs the user out everywhere", async () => {
    const user = await makeUser("reviewer");
    await db.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await loadSessionUser(user.id, 1)).toBeNull();
    expect(await loadSessionUser(user.id, 2)).not.toBeNull();
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

  it("an admin cannot change their own role", async () => {
    const admin = await makeUser("admin");
    await expect((await callerFor(admin)).users.setRole({ userId: admin.id, role: "editor" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("an unknown user id is no session", async () => {
    expect(await loadSessionUser("no-such-user", 1)).toBeNull();
    expect(await loadSessionUser(undefined, undefined)).toBeNull();
  });
});
