// The three-way merge, case by case: what merges on its own and what comes back as a conflict.
import { describe, expect, it } from "vitest";
import { recordContentSchema, type RecordContent } from "../../server/records/content";
import { CONFLICT_MARKERS } from "../../server/review/markers";
import { mergeContent, mergeText } from "../../server/review/merge";

const base: RecordContent = recordContentSchema.parse({
  title: "Journal of Puzanov for 24 July 1957",
  dateText: "24 July 1957",
  summary: "Puzanov and Choe Yong-geon discuss banknotes.",
  fullText: "First paragraph.\n\nSecond paragraph.\n\nThird paragraph.",
  originalLanguage: "ru",
  documentType: "journal_entry",
  collectionIds: [1, 2],
  mentions: [{ entityId: 10, role: "author" }, { entityId: 11, role: "mentioned" }],
});
const edit = (changes: Partial<RecordContent>): RecordContent => ({ ...base, ...changes });

describe("three-way merge of record content", () => {
  const cases: {
    name: string;
    current: Partial<RecordContent>;
    proposed: Partial<RecordContent>;
    expected?: Partial<RecordContent>;
    conflicts?: string[];
  }[] = [
    { name: "disjoint fields merge", current: { title: "New title" }, proposed: { dateText: "July 1957" }, expected: { title: "New title", dateText: "July 1957" } },
    { name: "a change only the proposal makes is taken", current: {}, proposed: { summary: "Better summary." }, expected: { summary: "Better summary." } },
    { name: "a change only the record made is kept", current: { rights: "Public domain" }, proposed: {}, expected: { rights: "Public domain" } },
    { name: "the same change on both sides is taken once", current: { title: "Same" }, proposed: { title: "Same" }, expected: { title: "Same" } },
    { name: "different values for one field conflict", current: { title: "Mine" }, proposed: { title: "Theirs" }, conflicts: ["title"] },
    {
      name: "different paragraphs of the full text merge",
      current: { fullText: "First paragraph, corrected.\n\nSecond paragraph.\n\nThird paragraph." },
      proposed: { fullText: "First paragraph.\n\nSecond paragraph.\n\nThird paragraph, translated." },
      expected: { fullText: "First paragraph, corrected.\n\nSecond paragraph.\n\nThird paragraph, translated." },
    },
    {
      name: "the same paragraph changed differently conflicts",
      current: { fullText: "First paragraph.\n\nSecond, as the record has it.\n\nThird paragraph." },
      proposed: { fullText: "First paragraph.\n\nSecond, as proposed.\n\nThird paragraph." },
      conflicts: ["fullText"],
    },
    {
      name: "a deleted paragraph and an edit elsewhere merge",
      current: { fullText: "First paragraph.\n\nThird paragraph." },
      proposed: { fullText: "First paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n\nFourth paragraph." },
      expected: { fullText: "First paragraph.\n\nThird paragraph.\n\nFourth paragraph." },
    },
    {
      name: "a deletion against an edit of the same paragraph conflicts",
      current: { fullText: "First paragraph.\n\nThird paragraph." },
      proposed: { fullText: "First paragraph.\n\nSecond paragraph, edited.\n\nThird paragraph." },
      conflicts: ["fullText"],
    },
    { name: "clearing a field on one side is a change like any other", current: {}, proposed: { fullText: "" }, expected: { fullText: "" } },
    {
      name: "collections added on both sides are all kept; a removal applies",
      current: { collectionIds: [1, 2, 3] },
      proposed: { collectionIds: [2, 4] },
      expected: { collectionIds: [2, 3, 4] },
    },
    {
      name: "mentions added on both sides are united",
      current: { mentions: [...base.mentions, { entityId: 12, role: "mentioned" }] },
      proposed: { mentions: [...base.mentions, { entityId: 13, role: "recipient" }] },
      expected: { mentions: [...base.mentions, { entityId: 12, role: "mentioned" }, { entityId: 13, role: "recipient" }] },
    },
    {
      name: "one mention given different names on each side conflicts",
      current: { mentions: [{ entityId: 10, role: "author", nameId: 1 }, base.mentions[1]!] },
      proposed: { mentions: [{ entityId: 10, role: "author", nameId: 2 }, base.mentions[1]!] },
      conflicts: ["mentions"],
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const result = mergeContent(base, edit(c.current), edit(c.proposed));
      expect(result.conflicts.map((x) => x.field)).toEqual(c.conflicts ?? []);
      if (c.expected) expect(result.content).toEqual(edit(c.expected));
    });
  }

  it("a conflict comes back with both versions and a suggestion that keeps both texts", () => {
    const result = mergeContent(base, edit({ summary: "The record's summary." }), edit({ summary: "The proposed summary." }));
    expect(result.conflicts).toEqual([
      expect.objectContaining({ field: "summary", base: base.summary, current: "The record's summary.", proposed: "The proposed summary." }),
    ]);
    const suggestion = result.conflicts[0]!.suggestion as string;
    expect(suggestion).toContain("The record's summary.");
    expect(suggestion).toContain("The proposed summary.");
    // Until resolved, the merged content holds the current value, not a mix.
    expect(result.content.summary).toBe("The record's summary.");
  });

  it("reports which fields each side changed and which merged", () => {
    const result = mergeContent(
      base,
      edit({ title: "T", fullText: "First paragraph, corrected.\n\nSecond paragraph.\n\nThird paragraph." }),
      edit({ dateText: "July 1957", fullText: "First paragraph.\n\nSecond paragraph.\n\nThird paragraph!" }),
    );
    expect(result.currentChanges).toEqual(["title", "fullText"]);
    expect(result.proposedChanges).toEqual(["dateText", "fullText"]);
    expect(result.merged).toEqual(["fullText"]);
  });

  it("merges edits to adjacent paragraphs; only the same paragraph changed two ways needs a person", () => {
    const base = "P1.\n\nP2.\n\nP3.\n\nP4.";
    expect(mergeText(base, "P1.\n\nP2 edited here.\n\nP3.\n\nP4.", "P1.\n\nP2.\n\nP3 edited there.\n\nP4.")).toEqual({
      ok: true,
      value: "P1.\n\nP2 edited here.\n\nP3 edited there.\n\nP4.",
      merged: true,
    });
    // Three adjacent paragraphs, alternating sides.
    expect(mergeText(base, "P1 a.\n\nP2.\n\nP3 a.\n\nP4.", "P1.\n\nP2 b.\n\nP3.\n\nP4 b.")).toMatchObject({ ok: true, value: "P1 a.\n\nP2 b.\n\nP3 a.\n\nP4 b." });
    // The same paragraph changed two ways is still a conflict, with both texts kept.
    expect(mergeText(base, "P1.\n\nP2 here.\n\nP3.\n\nP4.", "P1.\n\nP2 there.\n\nP3.\n\nP4.")).toMatchObject({ ok: false });
    // A paragraph inserted next to an edited one: no pairing by position, so a person decides.
    expect(mergeText(base, "P1.\n\nP2 edited.\n\nP3.\n\nP4.", "P1.\n\nP2.\n\nNew.\n\nP3.\n\nP4.")).toMatchObject({ ok: false });
  });

  it("text with no paragraph breaks conflicts as a whole when both sides change it", () => {
    expect(mergeText("one", "two", "three")).toEqual({
      ok: false,
      suggestion: [CONFLICT_MARKERS.current, "two", CONFLICT_MARKERS.proposed, "three", CONFLICT_MARKERS.end].join("\n\n"),
    });
    expect(mergeText("one", "one", "three")).toEqual({ ok: true, value: "three", merged: false });
  });
});
