// Who may call what: every tRPC procedure, called as every kind of caller, against the access
// table (server/auth/access.ts). A procedure missing from the table fails the test, so nothing
// ships without a stated rule.
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "../../server/api/root";
import { type Access, PROCEDURE_ACCESS, ROLE_RANK_OF_ACCESS } from "../../server/auth/access";
import { db } from "../../server/db";
import { draftContentSchema, recordContentSchema } from "../../server/records/content";
import { withdrawRecord } from "../../server/records/lifecycle";
import { publishRevision } from "../../server/records/publish";
import { approveChangeRequest, proposeEntityMerge, proposeRecordChange, saveDraft } from "../../server/review/change-requests";
import { seedDemoArchive } from "../../server/seed/demo-archive";
import { inviteUser, issuePasswordReset } from "../../server/users/accounts";
import { approveImport, submitImport, uploadImport } from "../../server/imports/imports";
import { runPendingImportJobs } from "../../server/imports/jobs";
import { callerFor, makeUser, TEST_PASSWORD } from "../support/callers";
import { sessionUser } from "../support/imports";

type Caller = { id: string } | null;

const memo = { content: { title: "A test memorandum", dateText: "circa 1957", summary: "For the authorization test.", originalLanguage: "en", documentType: "memorandum" } } as const;
const content = () => recordContentSchema.parse(memo.content);

/** The caller if they can author requests, else a fresh editor: ownership-bound inputs. */
async function authorFor(user: Caller) {
  const row = user ? await db.user.findUniqueOrThrow({ where: { id: user.id } }) : null;
  return row && row.role && !row.disabled ? row : await makeUser("editor");
}
async function draftOf(user: Caller) {
  const author = await authorFor(user);
  return saveDraft(db, { authorId: author.id, content: draftContentSchema.parse(memo.content), message: "" });
}
/** A pending request for a new record, by a fresh editor (so nobody decides their own). */
async function pending() {
  const author = await makeUser("editor");
  return proposeRecordChange(db, { author: { id: author.id, trusted: false }, content: content(), message: "" });
}
async function publishedRecord() {
  const { recordId } = await db.$transaction((tx) => publishRevision(tx, { content: content(), authorId: null }));
  return db.archivalRecord.findUniqueOrThrow({ where: { id: recordId }, select: { id: true, version: true } });
}

/** Two fresh people, so that each caller proposes its own merge. */
async function freshPair() {
  const make = (name: string) => db.entity.create({ data: { type: "person", names: { create: { name, normalized: name.toLowerCase(), isPreferred: true } } } });
  const [source, target] = await Promise.all([make(`Dup ${Math.random()}`), make(`Orig ${Math.random()}`)]);
  return { sourceId: source.id, targetId: target.id };
}
/** A merge approved by a fresh reviewer, ready to be undone. */
async function approvedMerge() {
  const author = await makeUser("editor");
  const request = await proposeEntityMerge(db, { author: { id: author.id, trusted: false }, proposal: await freshPair(), message: "" });
  const reviewer = await makeUser("reviewer");
  await approveChangeRequest(db, { reviewer: { id: reviewer.id, trusted: false }, id: request.id, expectedVersion: request.version });
  return request.id;
}

/** An import by the caller (or a fresh editor), checked and, as asked, submitted or approved. */
async function importBy(user: Caller, stage: "uploaded" | "validated" | "submitted" | "approved" = "validated", format: "csv" | "jsonl" = "jsonl"): Promise<{ id: number; version: number }> {
  const author = await sessionUser(await authorFor(user));
  const line = JSON.stringify({ title: `Imported ${Math.random()}`, date: "1957", summary: "For the authorization test.", originalLanguage: "en", documentType: "memorandum" });
  const bytes = format === "csv" ? "Title,Date,Summary\nA row,1957,A summary\n" : `${line}\n`;
  async function* body() {
    yield Buffer.from(bytes);
  }
  const imp = await uploadImport(db, { author, fileName: `auth.${format}`, body: body(), maxBytes: 1_000_000 });
  if (stage === "uploaded") return { id: imp.id, version: 0 };
  await runPendingImportJobs(db);
  if (stage === "validated") return { id: imp.id, version: 0 };
  const { version } = await submitImport(db, { author: { ...author, trusted: false }, id: imp.id, message: "" });
  if (stage === "submitted") return { id: imp.id, version };
  await approveImport(db, { reviewer: { id: (await makeUser("reviewer")).id, trusted: false }, id: imp.id, expectedVersion: version, leaveOut: [] });
  await runPendingImportJobs(db);
  return { id: imp.id, version };
}
const csvMapping = { columns: [{ header: "Title", target: "title" }, { header: "Date", target: "dateText" }, { header: "Summary", target: "summary" }], defaults: { originalLanguage: "en" } };

const NEW_PASSWORD = "violet tugboat orbit lantern";
/** A fresh, unused invitation or reset link's token (each call consumes one). */
async function freshLink(kind: "invitation" | "password_reset") {
  const admin = await makeUser("admin");
  const link =
    kind === "invitation"
      ? await inviteUser(db, { actorId: admin.id, email: `invited-${Math.random()}@example.test`, name: "Invited", role: "editor", baseUrl: "http://localhost" })
      : await issuePasswordReset(db, { actorId: admin.id, userId: (await makeUser("editor")).id, baseUrl: "http://localhost" });
  return link.url.split("/").at(-1)!;
}

/** The minimum caller for each procedure, and a valid input to call it with. */
/** A valid input for each procedure; `allowed`: the outcome for a permitted caller when not "ok". */
const INPUTS: Record<string, { input?: (user: Caller) => Promise<unknown> | unknown; allowed?: string }> = {
  "records.recent": { input: () => ({ limit: 3 }) },
  "records.byId": { input: () => ({ id: 1 }) },
  "records.history": { input: () => ({ id: 1 }) },
  "records.revision": { input: () => ({ id: 1, number: 1 }) },
  "records.compare": { input: () => ({ id: 1, from: 1, to: 1 }) },
  "records.citation": { input: () => ({ id: 1 }) },
  "records.revert": {
    input: async () => ({ id: 1, toNumber: 1, expectedVersion: (await db.archivalRecord.findUniqueOrThrow({ where: { id: 1 } })).version }),
  },
  "records.withdraw": { input: async () => { const r = await publishedRecord(); return { id: r.id, expectedVersion: r.version, reason: "test" }; } },
  "records.restore": {
    input: async () => {
      const r = await publishedRecord();
      const w = await withdrawRecord(db, { actorId: (await makeUser("admin")).id, recordId: r.id, expectedVersion: r.version, reason: "test" });
      return { id: r.id, expectedVersion: w.version };
    },
  },
  "entities.byId": { input: () => ({ id: 1 }) },
  "entities.records": { input: () => ({ id: 1 }) },
  "entities.context": { input: () => ({ id: 1 }) },
  "entities.forEdit": { input: () => ({ id: 1 }) },
  "entities.propose": {
    input: () => ({ content: { type: "place", names: [{ name: `Place ${Math.random()}`, preferred: true }] }, message: "For the authorization test." }),
  },
  "entities.browse": { input: () => ({ type: "person", letter: "C" }) },
  "entities.mergedFrom": { input: () => ({ id: 1 }) },
  "entities.proposeMerge": { input: freshPair },
  "entities.undoMerge": { input: async () => ({ requestId: await approvedMerge() }) },
  "entities.pick": { input: () => ({ q: "choe yeong" }) },
  "entities.similar": { input: () => ({ type: "person", names: ["Terenti Shtikov"] }) },
  "entities.places": { input: () => ({ ids: [1, 2, 3] }) },
  "collections.list": { },
  "collections.bySlug": { input: () => ({ slug: "korean-war" }) },
  "dates.parse": { input: () => ({ text: "circa 1957" }) },
  "search.query": { input: () => ({ q: "Choe" }) },
  "search.suggest": { input: () => ({ q: "Cho" }) },
  "searchAdmin.status": { },
  "searchAdmin.retry": { },
  "searchAdmin.reconcile": { },
  "searchAdmin.rebuild": { },
  "me.get": { },
  "changeRequests.startEdit": { input: () => ({ recordId: 2 }) },
  "changeRequests.saveDraft": { input: () => ({ content: memo.content }) },
  "changeRequests.submit": {
    input: async (user) => { const d = await draftOf(user); return { id: d.id, expectedVersion: d.version, content: memo.content, message: "For the authorization test." }; },
  },
  "changeRequests.propose": { input: () => ({ content: memo.content, message: "For the authorization test." }) },
  "changeRequests.rebase": { input: async (user) => { const d = await draftOf(user); return { id: d.id, expectedVersion: d.version }; } },
  "changeRequests.withdraw": { input: async (user) => { const d = await draftOf(user); return { id: d.id, expectedVersion: d.version }; } },
  "changeRequests.comment": { input: async (user) => ({ id: (await draftOf(user)).id, body: "A comment" }) },
  "changeRequests.byId": { input: async (user) => ({ id: (await draftOf(user)).id }) },
  "changeRequests.mine": { },
  "changeRequests.queue": { },
  "changeRequests.approve": { input: async () => { const r = await pending(); return { id: r.id, expectedVersion: r.version }; } },
  "changeRequests.approveMany": { input: async () => { const r = await pending(); return { items: [{ id: r.id, expectedVersion: r.version }] }; } },
  "changeRequests.reject": { input: async () => { const r = await pending(); return { id: r.id, expectedVersion: r.version, reason: "No." }; } },
  "changeRequests.sendBack": { input: async () => { const r = await pending(); return { id: r.id, expectedVersion: r.version, comment: "Fix it." }; } },
  "imports.list": {},
  "imports.byId": { input: async (user) => ({ id: (await importBy(user)).id }) },
  "imports.items": { input: async (user) => ({ id: (await importBy(user)).id }) },
  "imports.item": { input: async (user) => ({ id: (await importBy(user)).id, seq: 1 }) },
  "imports.mappingStep": { input: async (user) => ({ id: (await importBy(user, "uploaded", "csv")).id }) },
  "imports.check": { input: async (user) => ({ id: (await importBy(user, "uploaded", "csv")).id, mapping: csvMapping }) },
  "imports.submit": { input: async (user) => ({ id: (await importBy(user)).id }) },
  "imports.discard": { input: async (user) => ({ id: (await importBy(user)).id }) },
  "imports.approve": { input: async () => { const i = await importBy(null, "submitted"); return { id: i.id, expectedVersion: i.version }; } },
  "imports.reject": { input: async () => { const i = await importBy(null, "submitted"); return { id: i.id, expectedVersion: i.version, reason: "No." }; } },
  "imports.undo": { input: async (user) => ({ id: (await importBy(user, "approved")).id }) },
  "users.list": { },
  "audit.list": { input: () => ({ action: "record.publish" }) },
  "users.setRole": { input: async () => ({ userId: (await makeUser("editor")).id, role: "reviewer" }) },
  "users.setTrusted": { input: async () => ({ userId: (await makeUser("editor")).id, trusted: true }) },
  "users.invite": { input: () => ({ email: `invitee-${Math.random()}@example.test`, name: "Invitee", role: "editor" }) },
  "users.issuePasswordReset": { input: async () => ({ userId: (await makeUser("editor")).id }) },
  "users.setDisabled": { input: async () => ({ userId: (await makeUser("editor")).id, disabled: true }) },
  "account.link": { input: () => ({ token: "x".repeat(43), kind: "invitation" }) },
  "account.acceptInvitation": { input: async () => ({ token: await freshLink("invitation"), name: "New Editor", password: NEW_PASSWORD }) },
  "account.resetPassword": { input: async () => ({ token: await freshLink("password_reset"), password: NEW_PASSWORD }) },
  "account.requestPasswordReset": { input: () => ({ email: `someone-${Math.random()}@example.test` }), allowed: "PRECONDITION_FAILED" },
  "account.overview": {},
  "account.setPreferences": { input: () => ({ reviewShortcuts: true }) },
  "account.changePassword": { input: () => ({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }) },
};

const CALLERS = ["signedOut", "noRole", "disabled", "editor", "trustedEditor", "reviewer", "admin"] as const;
type CallerKind = (typeof CALLERS)[number];

const CALLER_RANK: Record<CallerKind, number> = { signedOut: -1, noRole: -1, disabled: -1, editor: 1, trustedEditor: 1, reviewer: 2, admin: 3 };

function expected(access: Access, caller: CallerKind, allowed = "ok"): string {
  if (access === "public") return allowed;
  if (CALLER_RANK[caller] < 0) return "UNAUTHORIZED";
  return CALLER_RANK[caller] >= ROLE_RANK_OF_ACCESS[access] ? allowed : "FORBIDDEN";
}

describe("authorization matrix", () => {
  const users = {} as Record<CallerKind, { id: string } | null>;

  beforeAll(async () => {
    await seedDemoArchive(db);
    users.signedOut = null;
    users.noRole = await makeUser(null);
    users.disabled = await makeUser("admin", { disabled: true });
    users.editor = await makeUser("editor");
    users.trustedEditor = await makeUser("editor", { trusted: true });
    users.reviewer = await makeUser("reviewer");
    users.admin = await makeUser("admin");
  });

  it("has a rule for every procedure in the router", () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    expect(procedures).toEqual(Object.keys(PROCEDURE_ACCESS).sort());
    expect(Object.keys(INPUTS).sort()).toEqual(Object.keys(PROCEDURE_ACCESS).sort());
  });

  for (const [path, access] of Object.entries(PROCEDURE_ACCESS)) {
    const rule = INPUTS[path] ?? {};
    for (const caller of CALLERS) {
      const outcome = expected(access, caller, rule.allowed);
      it(`${path} as ${caller}: ${outcome}`, async () => {
        const api = (await callerFor(users[caller])) as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
        const [namespace, name] = path.split(".") as [string, string];
        const input = rule.input ? await rule.input(users[caller]) : undefined;
        const result = await api[namespace]![name]!(input).then(
          () => "ok" as const,
          (error: unknown) => (error instanceof TRPCError ? error.code : `unexpected ${String(error)}`),
        );
        expect(result).toBe(outcome);
      });
    }
  }
});
