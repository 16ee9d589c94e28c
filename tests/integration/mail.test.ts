// Outgoing mail through a real SMTP server (a local one that keeps what it receives):
// invitations and reset links are sent when SMTP_URL is set, and anyone may ask for a reset
// link without learning whether an address has an account.
import { afterAll, describe, expect, it } from "vitest";
import { startTestMailbox } from "../../scripts/lib/test-mailbox";

// The environment is read when server code is first imported: set SMTP_URL before that.
const mailbox = await startTestMailbox();
process.env.SMTP_URL = mailbox.url;
process.env.MAIL_FROM = "Dossier archive <archive@example.test>";
const { db } = await import("../../server/db");
const { verifyCredentials } = await import("../../server/auth/credentials");
const { RESET_EMAIL_LIMIT } = await import("../../server/auth/sign-in-limiter");
const { callerFor, makeUser, trpcCode } = await import("../support/callers");

afterAll(() => mailbox.close());

const STRONG = "marble heron quietly folds";
const linkIn = (text: string) => text.match(/https?:\/\/\S+\/(invitations|reset-password)\/([A-Za-z0-9_-]{43})/);

describe("mail", () => {
  it("an invitation is sent by email; its link works", async () => {
    const admin = await callerFor(await makeUser("admin"));
    const email = `mailed-${Date.now()}@example.test`;
    const invite = await admin.users.invite({ email, name: "Mailed Person", role: "reviewer" });
    expect(invite.emailed).toBe(true);
    const [mail] = await mailbox.to(email);
    expect(mail).toMatchObject({ from: '"Dossier archive" <archive@example.test>', subject: expect.stringContaining("invited") });
    expect(mail!.text).toContain("as a reviewer");
    const link = linkIn(mail!.text);
    expect(link?.[0]).toBe(invite.url);
    await (await callerFor(null)).account.acceptInvitation({ token: link![2]!, name: "Mailed Person", password: STRONG });
    expect((await verifyCredentials({ email, password: STRONG }, "10.7.0.1")).ok).toBe(true);
  });

  it("anyone asks for a reset link: the same answer for known and unknown addresses, mail only to accounts", async () => {
    const user = await makeUser("editor");
    const visitor = await callerFor(null);
    const known = await visitor.account.requestPasswordReset({ email: user.email.toUpperCase() });
    const unknown = await visitor.account.requestPasswordReset({ email: "nobody-here@example.test" });
    expect(Object.keys(known)).toEqual(Object.keys(unknown));

    const [mail] = await mailbox.to(user.email);
    const token = linkIn(mail!.text)?.[2];
    expect(token).toBeDefined();
    await visitor.account.resetPassword({ token: token!, password: STRONG });
    expect((await verifyCredentials({ email: user.email, password: STRONG }, "10.7.0.2")).ok).toBe(true);

    await new Promise((r) => setTimeout(r, 300));
    expect(mailbox.messages.filter((m) => m.to.includes("nobody-here@example.test"))).toHaveLength(0);
    const audited = await db.auditEvent.findMany({ where: { action: "user.password_reset_requested", subjectId: { in: [user.email, "nobody-here@example.test"] } } });
    expect(audited.map((e) => e.payload).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([{ sent: false }, { sent: true }]);
  });

  it("limits reset requests per address with growing waits, known or not", async () => {
    const visitor = await callerFor(null);
    const ask = (email: string) => trpcCode(visitor.account.requestPasswordReset({ email }));
    for (const email of [`someone-${Date.now()}@example.test`, (await makeUser("editor")).email]) {
      for (let i = 0; i < RESET_EMAIL_LIMIT.free; i++) expect(await ask(email)).toBe("ok");
      expect(await ask(email)).toBe("TOO_MANY_REQUESTS");
    }
  });

  it("an admin's reset link is sent too; a disabled account gets none on request", async () => {
    const admin = await callerFor(await makeUser("admin"));
    const user = await makeUser("editor");
    const reset = await admin.users.issuePasswordReset({ userId: user.id });
    expect(reset.emailed).toBe(true);
    expect(linkIn((await mailbox.to(user.email))[0]!.text)?.[0]).toBe(reset.url);

    const disabled = await makeUser("editor", { disabled: true });
    await (await callerFor(null)).account.requestPasswordReset({ email: disabled.email });
    await new Promise((r) => setTimeout(r, 300));
    expect(mailbox.messages.filter((m) => m.to.includes(disabled.email))).toHaveLength(0);
  });
});
