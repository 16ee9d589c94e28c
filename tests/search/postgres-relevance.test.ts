import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db";
import { searchQuerySchema } from "../../server/search/engine";
import { PostgresSearchEngine } from "../../server/search/postgres-engine";
import { matchesAny } from "../../server/search/postgres/relaxation";
import { TUNING } from "../../server/search/postgres/tuning";
import { parseQuery } from "../../server/search/query/parse";
import { describeRelevanceContract, RELEVANCE_ARCHIVE } from "./relevance-contract";

describeRelevanceContract("PostgreSQL", () => new PostgresSearchEngine(db));

describe("relaxation: does a date alone find anything (PostgreSQL)", () => {
  beforeAll(async () => {
    await new PostgresSearchEngine(db).upsert(RELEVANCE_ARCHIVE);
  });
  const dateOf = (q: string) => parseQuery(q).date!;
  const reader = { db, tuning: { ...TUNING } };

  it("answers from the date-range index without filters, and from the facet keys with them", async () => {
    const plain = searchQuerySchema.parse({ q: "" });
    // Records of 24 July 1957 and 10 March 1950 exist; none of August 1957 or of 1975.
    expect(await matchesAny(reader, plain, [dateOf("July 1957"), dateOf("August 1957"), dateOf("1975"), dateOf("1950s")].map((date) => ({ terms: [], date })))).toEqual([true, false, false, true]);
    // With a facet filter the year keys and the filter meet in the GIN index instead.
    const filtered = searchQuerySchema.parse({ q: "", filters: { type: ["report"] } });
    expect(await matchesAny(reader, filtered, [dateOf("July 1957"), dateOf("August 1957")].map((date) => ({ terms: [], date })))).toEqual([true, false]);
  });
});
