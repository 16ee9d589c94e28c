// "Same person?" before creating an entity: the existing ones close to any typed name, by the
// picker's own matching (variants, accents, typos), of the same kind only.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db";
import { seedDemoArchive } from "../../server/seed/demo-archive";
import { callerFor, makeUser } from "../support/callers";

type Api = Awaited<ReturnType<typeof callerFor>>;
let editor: Api;
let shtykov: number;

beforeAll(async () => {
  await seedDemoArchive(db);
  editor = await makeUser("editor").then(callerFor);
  shtykov = (await db.entityName.findFirstOrThrow({ where: { name: "Terentii Shtykov" } })).entityId;
});

describe("entities.similar", () => {
  it("finds Terentii Shtykov from a misspelling, and says which of his names matched", async () => {
    const found = await editor.entities.similar({ type: "person", names: ["Terenti Shtikov"] });
    expect(found[0]).toMatchObject({ entityId: shtykov, preferred: "Terentii Shtykov", typed: "Terenti Shtikov" });
  });

  it("finds him from any of the typed names, once, and from another script", async () => {
    const found = await editor.entities.similar({ type: "person", names: ["Nobody Atall", "штыков", "Terenty Shtykov"] });
    expect(found.filter((f) => f.entityId === shtykov)).toHaveLength(1);
    expect(found.find((f) => f.entityId === shtykov)).toMatchObject({ typed: "штыков", name: "Штыков" });
  });

  it("keeps to the kind being created and leaves out the entity being edited", async () => {
    expect(await editor.entities.similar({ type: "place", names: ["Terentii Shtykov"] })).toEqual([]);
    expect(await editor.entities.similar({ type: "person", names: ["Terentii Shtykov"], excludeId: shtykov })).not.toContainEqual(expect.objectContaining({ entityId: shtykov }));
  });

  it("answers nothing for names too short or unknown", async () => {
    expect(await editor.entities.similar({ type: "person", names: ["", " K ", "Xqzvw Plorft"] })).toEqual([]);
  });
});
