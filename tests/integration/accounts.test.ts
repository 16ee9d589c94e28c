// Account life cycle: invitations, reset links, own password changes, disabling; all audited.
import { describe, expect, it } from "vitest";
import { verifyCredentials } from "../../server/auth/credentials";
import { LINK_FAILURES_ALLOWED } from "../../server/auth/sign-in-limiter";
import { passwordProblem } from "../../server/auth/password-policy";
import { loadSessionUser } from "../../server/auth/session-user";
import { db } from "../../server/db";
import { callerFor, makeUser, TEST_PASSWORD, trpcCode } from "../support/callers";

const STRONG = "marble heron quietly folds";
const tokenOf = (url: string) => url.split("/").at(-1)!;
const actions = async (subjectId: string) =>
  (await db.auditEvent.findMany({ where: { subjectId }, orderBy: { id: "asc" } })).map((e) => e.action);

describe("without SMTP", () => {
  it("links are only shown to the admin, and asking for a reset by email says it is not set up", async () => {
    const admin = await callerFor(await makeUser("admin"));
    const invite = await admin.users.invite({ email: `unmailed-${Date.now()}@example.test`, name: "Unmailed", role: "editor" });
    expect(invite.emailed).toBe(false);
    expect(await trpcCode((await callerFor(null)).account.requestPasswordReset({ email: invite.email }))).toBe("PRECONDITION_FAILED");
  });
});

describe("invitations", () => {
  it("an admin invites an editor, who chooses a password once and signs in", async () => {
    const admin = await callerFor(await makeUser("admin"));
    const invite = await admin.users.invite({ email: "  New.Editor@Example.test ", name: "New Editor", role: "editor" });
    expect(invite.email).toBe("new.editor@example.test");
    expect(invite.url).toMatch(/^http:\/\/localhost:\d+\/invitations\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(invite.url);

    const visitor = await callerFor(null);
    expect(await visitor.account.link({ token, kind: "invitation" })).toMatchObject({ email: "new.editor@example.test", name: "New Editor" });
    expect(await visitor.account.link({ token, kind: "password_reset" })).toBeNull(); // a link is of one kind only
    // Before accepting, the account cannot sign in.
    expect((await verifyCredentials({ email: invite.email, password: STRONG }, "10.0.0.1")).ok).toBe(false);

    // A weak password is refused and the link stays usable.
    expect(await trpcCode(visitor.account.acceptInvitation({ token, name: "Nell Editor", password: "password1234" }))).toBe("BAD_REQUEST");
    await visitor.account.acceptInvitation({ token, name: "Nell Editor", password: STRONG });
    const signIn = await verifyCredentials({ email: invite.email, password: STRONG }, "10.0.0.1");
    expect(signIn.ok && signIn.user.name).toBe("Nell Editor");

    // Used once: refused after, and the stored row holds no usable token.
    expect(await trpcCode(visitor.account.acceptInvitation({ token, name: "Someone Else", password: STRONG }))).toBe("NOT_FOUND");
    const stored = await db.userToken.findFirstOrThrow({ where: { userId: invite.userId } });
    expect(stored.tokenHash).not.toContain(token);
    expect(await actions(invite.userId)).toEqual(expect.arrayContaining(["user.invite", "user.invitation_accepted", "auth.sign_in"]));
  });

  it("refuses to invite an email that already has an account, and expired links", async () => {
    const admin = await callerFor(await makeUser("admin"));
    const existing = await makeUser("editor");
    expect(await trpcCode(admin.users.invite({ email: existing.email, name: "Again", role: "editor" }))).toBe("CONFLICT");
    expect(await trpcCode(admin.users.invite({ email: "not an email", name: "X", role: "editor" }))).toBe("BAD_REQUEST");

    const invite = await admin.users.invite({ email: `late-${Date.now()}@example.test`, name: "Late", role: "reviewer" });
    await db.userToken.updateMany({ where: { userId: invite.userId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const visitor = await callerFor(null);
    expect(await visitor.account.link({ token: tokenOf(invite.url), kind: "invitation" })).toBeNull();
    expect(await trpcCode(visitor.account.acceptInvitation({ token: tokenOf(invite.url), name: "Late", password: STRONG }))).toBe("NOT_FOUND");
  });

  it("a newer invitation replaces the older link", async () => {
    const admin = await callerFor(await makeUser("admin"));
    const email = `twice-${Date.now()}@example.test`;
    const first = await admin.users.invite({ email, name: "Twice", role: "editor" });
    const second = await admin.users.invite({ email, name: "Twice", role: "reviewer" });
    const visitor = await callerFor(null);
    expect(await visitor.account.link({ token: tokenOf(first.url), kind: "invitation" })).toBeNull();
    await visitor.account.acceptInvitation({ token: tokenOf(second.url), name: "Twice", password: STRONG });
    expect((await db.user.findUniqueOrThrow({ where: { email } })).role).toBe("reviewer");
  });
});

describe("password resets", () => {
  it("a reset link sets a new password and ends the sessions the account had", async () => {
    const user = await makeUser("editor");
    const before = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    const admin = await callerFor(await makeUser("admin"));
    const reset = await admin.users.issuePasswordReset({ userId: user.id });
    expect(reset.url).toContain("/reset-password/");
    await (await callerFor(null)).account.resetPassword({ token: tokenOf(reset.url), password: STRONG });
    expect(await loadSessionUser({ uid: user.id, sv: before.sessionVersion, sid: "s1" })).toBeNull(); // the old session is gone
    expect((await verifyCredentials({ email: user.email, password: STRONG }, "10.0.0.2")).ok).toBe(true);
    expect((await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, "10.0.0.2")).ok).toBe(false);
    expect(await actions(user.id)).toEqual(expect.arrayContaining(["user.password_reset_issued", "user.password_reset"]));
  });

  it("answers 429 after repeated guesses of links from one address", async () => {
    const { createCaller } = await import("../../server/api/root");
    const { createContextInner } = await import("../../server/api/trpc");
    const guesser = createCaller(createContextInner({ user: null, ip: `203.0.113.${Math.floor(Math.random() * 200)}` }));
    const guess = () => guesser.account.resetPassword({ token: "g".repeat(43), password: STRONG });
    for (let i = 0; i < LINK_FAILURES_ALLOWED; i++) expect(await trpcCode(guess())).toBe("NOT_FOUND");
    expect(await trpcCode(guess())).toBe("TOO_MANY_REQUESTS");
  });
});

describe("own password and disabling", () => {
  it("a user changes their own password with the current one, and only with it", async () => {
    const user = await makeUser("reviewer");
    const me = await callerFor(user);
    expect(await trpcCode(me.account.changePassword({ currentPassword: "wrong password here", newPassword: STRONG }))).toBe("BAD_REQUEST");
    expect(await trpcCode(me.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "qwertyuiop123" }))).toBe("BAD_REQUEST");
    expect((await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, "10.0.0.3")).ok).toBe(true);
    await me.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: STRONG });
    expect((await verifyCredentials({ email: user.email, password: STRONG }, "10.0.0.3")).ok).toBe(true);
    expect(await actions(user.id)).toEqual(expect.arrayContaining(["user.password_change_failed", "user.password_change"]));
  });

  it("a disabled user's next request is refused; enabling lets them sign in again", async () => {
    const adminUser = await makeUser("admin");
    const admin = await callerFor(adminUser);
    const editor = await makeUser("editor");
    const session = await db.user.findUniqueOrThrow({ where: { id: editor.id } });
    await admin.users.setDisabled({ userId: editor.id, disabled: true });
    expect(await loadSessionUser({ uid: editor.id, sv: session.sessionVersion, sid: "s1" })).toBeNull();
    expect((await verifyCredentials({ email: editor.email, password: TEST_PASSWORD }, "10.0.0.4")).ok).toBe(false);
    await admin.users.setDisabled({ userId: editor.id, disabled: false });
    expect((await verifyCredentials({ email: editor.email, password: TEST_PASSWORD }, "10.0.0.4")).ok).toBe(true);
    expect(await trpcCode(admin.users.setDisabled({ userId: adminUser.id, disabled: true }))).toBe("BAD_REQUEST");
    expect(await actions(editor.id)).toEqual(expect.arrayContaining(["user.disable", "user.enable"]));
  });
});

describe("password policy", () => {
  it("refuses short, common and guessable passwords, with a reason", async () => {
    expect(await passwordProblem("short")).toMatch(/at least 12/);
    expect(await passwordProblem("password1234")).toMatch(/most common/);
    expect(await passwordProblem("aaaaaaaaaaaa")).toMatch(/too easy to guess/);
    expect(await passwordProblem("editor.one@example.test", ["editor.one@example.test"])).not.toBeNull();
    expect(await passwordProblem(STRONG)).toBeNull();
  });
});
