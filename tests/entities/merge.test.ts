// Merging duplicate authority records through review, and undoing a merge exactly.
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db";
import { createEntity } from "../../server/entities/entities";
import { recordContentSchema } from "../../server/records/content";
import { publishRevision } from "../../server/records/publish";
import { seedDemoArchive } from "../../server/seed/demo-archive";
import { callerFor, makeUser, trpcCode } from "../support/callers";

type Api = Awaited<ReturnType<typeof callerFor>>;
let editor: Api, reviewer: Api, reader: Api;
let choe: number, dup: number, sharedNameId: number, recordIds: number[];

const codeOf = trpcCode;

const snapshot = async () => ({
  mentions: await db.mention.groupBy({ by: ["entityId"], where: { entityId: { in: [choe, dup] } }, _count: { _all: true }, orderBy: { entityId: "asc" } }),
  names: (await db.entityName.findMany({ where: { entityId: { in: [choe, dup] } }, orderBy: [{ name: "asc" }, { entityId: "asc" }], select: { entityId: true, name: true, isPreferred: true } })),
  identifiers: await db.entityIdentifier.findMany({ where: { entityId: { in: [choe, dup] } }, select: { entityId: true, value: true } }),
});

beforeAll(async () => {
  await seedDemoArchive(db);
  [editor, reviewer, reader] = await Promise.all([makeUser("editor").then(callerFor), makeUser("reviewer").then(callerFor), callerFor(null)]);
  choe = (await db.entityName.findFirstOrThrow({ where: { name: "Choe Yong-geon" } })).entityId;
  // A duplicate made by someone who did not find him: one name he already has, one new.
  const created = await createEntity(db, {
    type: "person",
    names: [{ name: "Choe Yong Gun", language: "en", preferred: true }, { name: "Choe Yeonggeon", language: "ko-Latn", preferred: false }],
    description: "",
    datesText: "",
    identifiers: [{ scheme: "viaf", value: "12345678" }],
  });
  dup = created.id;
  sharedNameId = created.names.find((n) => n.name === "Choe Yeonggeon")!.id;
  const content = (title: string, mentions: { entityId: number; role: "mentioned"; nameId?: number }[]) =>
    recordContentSchema.parse({ title, dateText: "1958", summary: "A merge test record.", originalLanguage: "en", documentType: "memorandum", mentions });
  recordIds = [];
  for (const c of [
    content("Only the duplicate", [{ entityId: dup, role: "mentioned", nameId: sharedNameId }]),
    content("Both of them", [{ entityId: dup, role: "mentioned" }, { entityId: choe, role: "mentioned" }]),
  ]) recordIds.push((await db.$transaction((tx) => publishRevision(tx, { content: c, authorId: null }))).recordId);
});

describe("merging entities", () => {
  it("refuses impossible merges and changes nothing", async () => {
    const before = await snapshot();
    const place = (await db.entityName.findFirstOrThrow({ where: { name: "Pyongyang" } })).entityId;
    expect(await codeOf(editor.entities.proposeMerge({ sourceId: dup, targetId: dup }))).toBe("BAD_REQUEST");
    expect(await codeOf(editor.entities.proposeMerge({ sourceId: dup, targetId: place }))).toBe("BAD_REQUEST");
    expect(await codeOf(editor.entities.proposeMerge({ sourceId: dup, targetId: 999_999 }))).toBe("NOT_FOUND");
    expect(await snapshot()).toEqual(before);
  });

  it("moves every mention and name to the survivor on approval, and undoes it exactly", async () => {
    const before = await snapshot();
    const request = await editor.entities.proposeMerge({ sourceId: dup, targetId: choe, message: "Same person" });
    expect(await codeOf(editor.entities.proposeMerge({ sourceId: dup, targetId: choe }))).toBe("CONFLICT");
    expect((await db.entity.findUniqueOrThrow({ where: { id: dup } })).mergedIntoId).toBeNull();
    const review = await reviewer.changeRequests.byId({ id: request.id });
    expect(review.title).toBe("Merge Choe Yong Gun into Choe Yong-geon");

    const outbox = await db.searchOutbox.count({ where: { op: "sync_entity", entityId: choe } });
    await reviewer.changeRequests.approve({ id: request.id, expectedVersion: request.version });
    expect((await db.entity.findUniqueOrThrow({ where: { id: dup } })).mergedIntoId).toBe(choe);
    expect(await db.mention.count({ where: { entityId: dup } })).toBe(0);
    // "Both of them" mentioned him twice in the same role: once is enough.
    for (const id of recordIds) {
      const record = await reader.records.byId({ id });
      expect(record.kind === "published" && record.record.entities.filter((e) => e.id === choe).length).toBe(1);
    }
    const names = (await reader.entities.byId({ id: choe })).names.map((n) => n.name);
    expect(names).toContain("Choe Yong Gun");
    expect(names.filter((n) => n === "Choe Yeonggeon")).toHaveLength(1);
    expect((await reader.entities.byId({ id: choe })).name).toBe("Choe Yong-geon");
    expect(await db.entityIdentifier.count({ where: { entityId: choe, value: "12345678" } })).toBe(1);
    expect(await db.searchOutbox.count({ where: { op: "sync_entity", entityId: choe } })).toBe(outbox + 1);
    expect(await reader.entities.mergedFrom({ id: choe })).toEqual([expect.objectContaining({ requestId: request.id, sourceId: dup, sourceName: "Choe Yong Gun" })]);
    // The picker no longer offers the duplicate.
    expect((await editor.entities.pick({ q: "choe yong gun" })).map((m) => m.entityId)).toEqual([choe]);
    // Nor can it be merged again, or merged into.
    expect(await codeOf(editor.entities.proposeMerge({ sourceId: choe, targetId: dup }))).toBe("BAD_REQUEST");

    expect(await codeOf(editor.entities.undoMerge({ requestId: request.id }))).toBe("FORBIDDEN");
    await reviewer.entities.undoMerge({ requestId: request.id });
    expect(await snapshot()).toEqual(before);
    expect((await db.entity.findUniqueOrThrow({ where: { id: dup } })).mergedIntoId).toBeNull();
    const onlyDup = await reader.records.byId({ id: recordIds[0]! });
    expect(onlyDup.kind === "published" && onlyDup.record.entities.find((e) => e.id === dup)?.asWritten).toBe("Choe Yeonggeon");
    expect(await reader.entities.mergedFrom({ id: choe })).toEqual([]);
    expect(await codeOf(reviewer.entities.undoMerge({ requestId: request.id }))).toBe("CONFLICT");
  });

  it("after a merge, edits of the survivor cannot rewrite history, and undo restores exactly or refuses", async () => {
    const survivor = await createEntity(db, { type: "person", names: [{ name: "Pak Hon-yong", language: "en", preferred: true }], description: "", datesText: "", identifiers: [] });
    const duplicate = await createEntity(db, {
      type: "person",
      names: [{ name: "Pak Hon Yong", language: "en", preferred: true }, { name: "Bak Heon-yeong", language: "ko-Latn", preferred: false }],
      description: "",
      datesText: "",
      identifiers: [{ scheme: "viaf", value: "87654321" }],
    });
    const written = duplicate.names.find((n) => n.name === "Bak Heon-yeong")!.id;
    const content = recordContentSchema.parse({
      title: "Memorandum naming Bak Heon-yeong", dateText: "1953", summary: "History test.", originalLanguage: "en", documentType: "memorandum",
      mentions: [{ entityId: duplicate.id, role: "mentioned", nameId: written }],
    });
    const { recordId } = await db.$transaction((tx) => publishRevision(tx, { content, authorId: null }));
    const asWritten = async () => {
      const record = await reader.records.byId({ id: recordId });
      return record.kind === "published" ? record.record.entities.map((e) => e.asWritten) : [];
    };
    const merge = async () => {
      const request = await editor.entities.proposeMerge({ sourceId: duplicate.id, targetId: survivor.id });
      await reviewer.changeRequests.approve({ id: request.id, expectedVersion: request.version });
      return request.id;
    };
    const editSurvivor = async (change: (c: Awaited<ReturnType<Api["entities"]["forEdit"]>>) => object) => {
      const current = await editor.entities.forEdit({ id: survivor.id });
      const request = await editor.entities.propose({ message: "A change for the test.", entityId: survivor.id, content: change(current) as never });
      return reviewer.changeRequests.approve({ id: request.id, expectedVersion: request.version });
    };

    const first = await merge();
    // A name a document uses cannot be removed: the document's history would change.
    const current = await editor.entities.forEdit({ id: survivor.id });
    const dropUsed = await editor.entities.propose({ message: "A change for the test.", entityId: survivor.id, content: { ...current, names: current.names.filter((n) => n.name !== "Bak Heon-yeong") } }).catch((e: TRPCError) => e);
    expect(dropUsed).toBeInstanceOf(TRPCError);
    expect((dropUsed as TRPCError).message).toContain("Bak Heon-yeong");
    expect(await asWritten()).toEqual(["Bak Heon-yeong"]);

    // A name no document uses may go; undoing the merge still gives the duplicate all its names back.
    await editSurvivor((c) => ({ ...c, names: c.names.filter((n) => n.name !== "Pak Hon Yong") }));
    await reviewer.entities.undoMerge({ requestId: first });
    const restored = await reader.entities.byId({ id: duplicate.id });
    expect(restored.name).toBe("Pak Hon Yong");
    expect(restored.names.map((n) => n.name).sort()).toEqual(["Bak Heon-yeong", "Pak Hon Yong"]);
    expect(await db.entityIdentifier.count({ where: { entityId: duplicate.id, value: "87654321" } })).toBe(1);
    expect(await asWritten()).toEqual(["Bak Heon-yeong"]);

    // Merged again, then the survivor loses the identifier the duplicate brought: undo refuses, nothing changes.
    const second = await merge();
    await editSurvivor((c) => ({ ...c, identifiers: [] }));
    const before = await db.entityName.findMany({ where: { entityId: { in: [survivor.id, duplicate.id] } }, orderBy: { id: "asc" } });
    const refused = await reviewer.entities.undoMerge({ requestId: second }).catch((e: TRPCError) => e);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe("CONFLICT");
    expect((refused as TRPCError).message).toContain("viaf 87654321");
    expect((await db.entity.findUniqueOrThrow({ where: { id: duplicate.id } })).mergedIntoId).toBe(survivor.id);
    expect(await db.entityName.findMany({ where: { entityId: { in: [survivor.id, duplicate.id] } }, orderBy: { id: "asc" } })).toEqual(before);
  });
});
