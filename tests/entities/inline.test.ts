// New entities made inline in the record editor: reviewed with the record, created on approval.
import { beforeAll, expect, it } from "vitest";
import { db } from "../../server/db";
import { seedDemoArchive } from "../../server/seed/demo-archive";
import { callerFor, makeUser, trpcCode } from "../support/callers";

type Api = Awaited<ReturnType<typeof callerFor>>;
let editor: Api, reviewer: Api;
const base = { title: "Note on the Sinuiju bridge", dateText: "1951", summary: "A note.", originalLanguage: "en", documentType: "memorandum" } as const;

const codeOf = trpcCode;

beforeAll(async () => {
  await seedDemoArchive(db);
  [editor, reviewer] = await Promise.all([makeUser("editor").then(callerFor), makeUser("reviewer").then(callerFor)]);
});

it("creates the new entity once, on approval, and links the record to it in every role", async () => {
  const newEntity = { type: "place" as const, name: "Sinuiju Bridge", language: "en" };
  const request = await editor.changeRequests.propose({ message: "A change for the test.",
    content: { ...base, mentions: [{ newEntity, role: "mentioned" }, { newEntity: { ...newEntity, name: "sinuiju bridge" }, role: "author" }] },
  });
  // Not yet: a pending request creates nothing.
  expect(await db.entityName.count({ where: { normalized: "sinuiju bridge" } })).toBe(0);
  const detail = await reviewer.changeRequests.byId({ id: request.id });
  if (detail.subject === "import") throw new Error("not an import");
  expect(detail.diff.fields.find((f) => f.field === "mentions")).toMatchObject({ added: expect.arrayContaining([expect.stringContaining("Sinuiju Bridge (new place")]) });
  const approved = await reviewer.changeRequests.approve({ id: request.id, expectedVersion: request.version });
  const names = await db.entityName.findMany({ where: { normalized: "sinuiju bridge" } });
  expect(names).toHaveLength(1);
  const mentions = await db.mention.findMany({ where: { revisionId: approved.revisionId! }, select: { entityId: true, role: true } });
  expect(mentions.map((m) => m.role).sort()).toEqual(["author", "mentioned"]);
  expect(new Set(mentions.map((m) => m.entityId))).toEqual(new Set([names[0]!.entityId]));
  expect(await db.auditEvent.count({ where: { action: "entity.create", subjectId: String(names[0]!.entityId) } })).toBe(1);
});

it("a rejected request creates nothing", async () => {
  const request = await editor.changeRequests.propose({ message: "A change for the test.", content: { ...base, mentions: [{ newEntity: { type: "person", name: "Nobody Atall", language: "" }, role: "mentioned" }] } });
  await reviewer.changeRequests.reject({ id: request.id, expectedVersion: request.version, reason: "No such person." });
  expect(await db.entityName.count({ where: { normalized: "nobody atall" } })).toBe(0);
});

it.each([
  ["a name that is only punctuation", { newEntity: { type: "person", name: "-- ..", language: "" }, role: "mentioned" }],
  ["both an existing and a new entity", { entityId: 1, newEntity: { type: "person", name: "X", language: "" }, role: "mentioned" }],
  ["neither", { role: "mentioned" }],
  ["a recorded name for a new entity", { newEntity: { type: "person", name: "X", language: "" }, nameId: 1, role: "mentioned" }],
])("refuses a mention with %s", async (_label, mention) => {
  expect(await codeOf(editor.changeRequests.propose({ message: "A change for the test.", content: { ...base, mentions: [mention as never] } }))).toBe("BAD_REQUEST");
});
