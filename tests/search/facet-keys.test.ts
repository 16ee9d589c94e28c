// The facet keys the engine writes with each document (facetKeys) are the keys the SQL function
// dossier_facet_keys_dated gives (it was the column's generation expression, and bulk SQL such
// as the search benchmark's generator still uses it): one definition, held in two places.
import { describe, expect, it } from "vitest";
import { db } from "../../server/db";
import { facetKeys } from "../../server/search/postgres/filters";

const CASES = [
  { collectionIds: [7], entityIds: [12, 15], decade: 1950, language: "ru", documentType: "telegram", dateEarliest: "1957-07-24", dateLatest: "1957-07-24" },
  { collectionIds: [], entityIds: [], decade: 1940, language: "en", documentType: "other", dateEarliest: "1945-01-01", dateLatest: "1946-12-31" },
  { collectionIds: [3, 9], entityIds: [1], decade: 1900, language: "ko", documentType: "letter", dateEarliest: "1900-01-01", dateLatest: "1919-12-31" },
  { collectionIds: [1], entityIds: [2, 3, 4], decade: 1900, language: "zh", documentType: "report", dateEarliest: "1900-01-01", dateLatest: "1920-12-31" },
  { collectionIds: [5], entityIds: [6], decade: 1800, language: "fr", documentType: "memorandum", dateEarliest: "1801-03-01", dateLatest: "1999-12-31" },
];

describe("facet keys", () => {
  it.each(CASES)("are the keys dossier_facet_keys_dated gives (%j)", async (doc) => {
    const [row] = await db.$queryRaw<{ keys: string[] }[]>`
      SELECT dossier_facet_keys_dated(${doc.collectionIds}::int[], ${doc.entityIds}::int[], ${doc.decade}::int, ${doc.language}, ${doc.documentType},
        ${doc.dateEarliest}::date, ${doc.dateLatest}::date) AS keys`;
    expect(facetKeys(doc)).toEqual(row!.keys);
  });

  it("name each year of a date up to 20 years, and a longer one as long", () => {
    expect(facetKeys(CASES[0]!).filter((k) => k.startsWith("y"))).toEqual(["y1957"]);
    expect(facetKeys(CASES[2]!).filter((k) => k.startsWith("y"))).toHaveLength(20);
    expect(facetKeys(CASES[3]!).filter((k) => k.startsWith("y"))).toEqual(["ylong"]);
  });
});
