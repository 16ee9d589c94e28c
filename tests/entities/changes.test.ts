// Authority records through review: new entities and edits are proposed, approved, applied in
// one transaction; renames queue re-indexing; bad input changes nothing.
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db";
import { seedDemoArchive } from "../../server/seed/demo-archive";
import { callerFor, makeUser, trpcCode } from "../support/callers";

type Api = Awaited<ReturnType<typeof callerFor>>;
let editor: Api, reviewer: Api, trusted: Api, reader: Api;
let choe: number;

const codeOf = trpcCode;

beforeAll(async () => {
  await seedDemoArchive(db);
  [editor, reviewer, trusted, reader] = await Promise.all([
    makeUser("editor").then(callerFor),
    makeUser("reviewer").then(callerFor),
    makeUser("editor", { trusted: true }).then(callerFor),
    callerFor(null),
  ]);
  choe = (await db.entityName.findFirstOrThrow({ where: { name: "Choe Yong-geon" } })).entityId;
});

describe("entity proposals", () => {
  it("a new entity exists only once a reviewer approves it", async () => {
    const request = await editor.entities.propose({ message: "A change for the test.",
      content: { type: "place", names: [{ name: "Sinuiju", language: "ko-Latn", romanization: "revised", preferred: true }, { name: "신의주", language: "ko-Hang" }], datesText: "" },
    });
    expect(request.state).toBe("pending");
    expect(await db.entityName.count({ where: { name: "Sinuiju" } })).toBe(0);
    const approved = await reviewer.changeRequests.approve({ id: request.id, expectedVersion: request.version });
    const entity = await reader.entities.byId({ id: approved.entityId! });
    expect(entity.name).toBe("Sinuiju");
    expect(entity.names.map((n) => n.name)).toEqual(["Sinuiju", "신의주"]);
    expect(await db.auditEvent.count({ where: { action: "entity.create", subjectId: String(approved.entityId) } })).toBe(1);
  });

  it("an edit adds a variant, keeps the names mentions use, and queues re-indexing in the same transaction", async () => {
    const current = await editor.entities.forEdit({ id: choe });
    const outboxBefore = await db.searchOutbox.count({ where: { op: "sync_entity", entityId: choe } });
    const mentionNames = await db.mention.count({ where: { entityId: choe, nameId: { not: null } } });
    const request = await editor.entities.propose({
      entityId: choe,
      content: { ...current, names: [...current.names, { name: "Cui Yongjian", language: "zh-Latn", romanization: "pinyin", preferred: false }] },
      message: "Chinese form",
    });
    await reviewer.changeRequests.approve({ id: request.id, expectedVersion: request.version });
    const entity = await reader.entities.byId({ id: choe });
    expect(entity.names.map((n) => n.name)).toContain("Cui Yongjian");
    expect(entity.name).toBe("Choe Yong-geon");
    expect(await db.searchOutbox.count({ where: { op: "sync_entity", entityId: choe } })).toBe(outboxBefore + 1);
    expect(await db.mention.count({ where: { entityId: choe, nameId: { not: null } } })).toBe(mentionNames);
  });

  it("renames by moving the preferred flag, and refuses an edit made against an older version", async () => {
    const current = await editor.entities.forEdit({ id: choe });
    const stale = await editor.entities.propose({ message: "A change for the test.", entityId: choe, content: { ...current, description: "Stale edit." } });
    const rename = await trusted.entities.propose({ message: "A change for the test.",
      entityId: choe,
      content: { ...current, names: current.names.map((n) => ({ ...n, preferred: n.name === "Choe Yeonggeon" })) },
    });
    expect(rename.state).toBe("approved");
    expect((await reader.entities.byId({ id: choe })).name).toBe("Choe Yeonggeon");
    const refused = (await reviewer.changeRequests.approve({ id: stale.id, expectedVersion: stale.version }).catch((e: unknown) => e)) as TRPCError;
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toContain("changed since this proposal");
    expect((await reader.entities.byId({ id: choe })).description).not.toBe("Stale edit.");
  });

  it("refuses bad input at the boundary and changes nothing", async () => {
    const before = await db.changeRequest.count();
    const bad = [
      { type: "person", names: [{ name: "   ", preferred: true }] },
      { type: "person", names: [{ name: "-- . --", preferred: true }] },
      { type: "person", names: [{ name: "A", preferred: false }] },
      { type: "person", names: [{ name: "A", preferred: true }, { name: "A", preferred: false }] },
      { type: "person", names: [{ name: "A", preferred: true }], datesText: "the 45th of Nevuary" },
      { type: "person", names: [{ name: "A", preferred: true }], identifiers: [{ scheme: "wikidata", value: "" }] },
      { type: "spaceship", names: [{ name: "A", preferred: true }] },
    ];
    for (const content of bad) expect(await codeOf(editor.entities.propose({ message: "A change for the test.", content: content as never }))).toBe("BAD_REQUEST");
    expect(await codeOf(editor.entities.propose({ message: "A change for the test.", entityId: 999_999, content: { type: "person", names: [{ name: "A", preferred: true }] } }))).toBe("NOT_FOUND");
    expect(await codeOf(editor.entities.propose({ message: "  ", content: { type: "person", names: [{ name: "A Valid Name", preferred: true }] } }))).toBe("BAD_REQUEST");
    expect(await db.changeRequest.count()).toBe(before);
  });

  it("refuses an identifier another entity already has", async () => {
    const kim = (await db.entityName.findFirstOrThrow({ where: { name: "Kim Il Sung" } })).entityId;
    await db.entityIdentifier.create({ data: { entityId: kim, scheme: "wikidata", value: "Q39464" } });
    const error = (await editor.entities
      .propose({ message: "A change for the test.", content: { type: "person", names: [{ name: "Kim Il-sung (duplicate)", preferred: true }], identifiers: [{ scheme: "wikidata", value: "Q39464" }] } })
      .catch((e: unknown) => e)) as TRPCError;
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain("merge");
  });
});
