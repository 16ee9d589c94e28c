// Text is made canonical at the boundary, in one place (server/api/trpc.ts): NFC, no invisible
// characters, one-line fields on one line.
import { TRPCError } from "@trpc/server";
import { beforeAll, expect, it } from "vitest";
import { db } from "../../server/db";
import { callerFor, makeUser } from "../support/callers";

let editor: Awaited<ReturnType<typeof callerFor>>;
beforeAll(async () => {
  editor = await callerFor(await makeUser("editor"));
});

it("stores a title as one NFC line without zero-width characters, whatever was pasted", async () => {
  const nfd = "Cho\u0306e"; // ŏ as o + combining breve
  const request = await editor.changeRequests.propose({
    content: { title: `Memo\tabout\n the\u200B ${nfd}\uFEFF visit\u2028`, dateText: "1958", summary: "Line one\u2028line two\u0085line three", originalLanguage: "en", documentType: "memorandum" },
    message: "test",
  });
  const stored = (await db.changeRequest.findUniqueOrThrow({ where: { id: request.id } })).proposed as { title: string; summary: string };
  expect(stored.title).toBe("Memo about the Ch\u014Fe visit");
  expect(stored.summary).toBe("Line one\nline two\nline three");
});

it("reads the NFC and NFD spellings of a name as one name", async () => {
  const refused = await editor.entities
    .propose({ message: "A change for the test.", content: { type: "person", names: [{ name: "Ch\u014Fe Y\u014Fng-g\u014Fn", preferred: true }, { name: "Cho\u0306e Yo\u0306ng-go\u0306n" }] } })
    .catch((e: TRPCError) => e);
  expect(refused).toBeInstanceOf(TRPCError);
  expect((refused as TRPCError).message).toContain("listed twice");
  const created = await editor.entities.propose({ message: "A change for the test.", content: { type: "person", names: [{ name: "Cho\u0306e Hyo\u0306n", preferred: true }] } });
  const proposed = (await db.changeRequest.findUniqueOrThrow({ where: { id: created.id } })).proposed as { names: { name: string }[] };
  expect(proposed.names[0]!.name).toBe("Ch\u014Fe Hy\u014Fn");
});

it("keeps the joiners and direction marks that scripts need", async () => {
  const persian = "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645"; // with a zero-width non-joiner
  const request = await editor.changeRequests.propose({
    content: { title: `\u200F${persian}`, dateText: "1958", summary: "A Persian title.", originalLanguage: "fa", documentType: "memorandum" },
    message: "test",
  });
  expect(((await db.changeRequest.findUniqueOrThrow({ where: { id: request.id } })).proposed as { title: string }).title).toBe(`\u200F${persian}`);
});
