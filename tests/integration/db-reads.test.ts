// The search's read path (readRows in server/db.ts): statements prepared by name once per
// connection, still planned with their values on every run (ADR 10).
import { describe, expect, it } from "vitest";
import { createDbClient, db, readRows } from "../../server/db";
import { Prisma } from "../../server/generated/prisma/client";

const { sql } = Prisma;

describe("readRows", () => {
  it("prepares each statement text by name and reuses it with other values", async () => {
    const read = (n: number) => readRows<{ n: number }>(db, sql`SELECT ${n}::int * 2 AS n`);
    expect(await read(2)).toEqual([{ n: 4 }]);
    expect(await read(21)).toEqual([{ n: 42 }]);
    // The statement that lists the connection's prepared statements is itself one of them.
    const prepared = await readRows<{ name: string; statement: string }>(db, sql`SELECT name, statement FROM pg_prepared_statements`);
    const own = prepared.find((p) => p.statement.includes("pg_prepared_statements"));
    expect(own?.name).toMatch(/^dossier_[0-9a-f]{20}$/);
  });

  it("plans every run with its values, never with a generic plan", async () => {
    const [row] = await readRows<{ plan_cache_mode: string }>(db, sql`SELECT current_setting('plan_cache_mode') AS plan_cache_mode`);
    expect(row!.plan_cache_mode).toBe("force_custom_plan");
  });

  it("keeps the options a database URL carries, beside its own", async () => {
    const url = new URL(process.env.DATABASE_URL!);
    url.searchParams.set("options", "-c statement_timeout=12345");
    const client = createDbClient(url.toString());
    try {
      const [row] = await readRows<{ timeout: string; mode: string }>(client, sql`SELECT current_setting('statement_timeout') AS timeout, current_setting('plan_cache_mode') AS mode`);
      expect(row).toEqual({ timeout: "12345ms", mode: "force_custom_plan" });
    } finally {
      await client.$disconnect();
    }
  });

  it("reads and writes timestamps in UTC whatever the server's time zone", async () => {
    // A server whose sessions start in New York time (as the URL's options make them here).
    const url = new URL(process.env.DATABASE_URL!);
    url.searchParams.set("options", "-c TimeZone=America/New_York");
    const client = createDbClient(url.toString());
    try {
      const [zone] = await readRows<{ zone: string }>(client, sql`SELECT current_setting('TimeZone') AS zone`);
      expect(zone!.zone).toBe("UTC");
      // A retry due a minute ago (written by the client, in UTC) is due for SQL's now() too;
      // read in New York time it would wait five more hours.
      const row = await client.searchOutbox.create({ data: { op: "sync_record", recordId: null, availableAt: new Date(Date.now() - 60_000), processedAt: new Date() } });
      try {
        const [due] = await client.$queryRaw<{ due: boolean }[]>`SELECT available_at <= now() AS due FROM search_outbox WHERE id = ${row.id}`;
        expect(due!.due).toBe(true);
      } finally {
        await client.searchOutbox.delete({ where: { id: row.id } });
      }
    } finally {
      await client.$disconnect();
    }
  });

  it("keeps working past the number of texts it prepares", async () => {
    // 250 distinct texts: the first ones are prepared, the rest run unnamed.
    for (let i = 0; i < 250; i++) {
      const [row] = await readRows<{ n: number }>(db, sql`SELECT ${i}::int AS n, ${Prisma.raw(String(i))} AS text_${Prisma.raw(String(i))}`);
      expect(row!.n).toBe(i);
    }
  });
});
