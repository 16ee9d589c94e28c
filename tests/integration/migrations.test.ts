import { describe, expect, it } from "vitest";
import { diffSchemaSinceLastMigration } from "../../scripts/lib/migrations";
import { db } from "../../server/db";

describe("migrations", () => {
  it("are recorded in _prisma_migrations exactly as prisma migrate deploy records them", async () => {
    const rows = await db.$queryRaw<{ migration_name: string; finished_at: Date | null; checksum: string }[]>`
      SELECT migration_name, finished_at, checksum FROM _prisma_migrations ORDER BY migration_name`;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]!.migration_name).toMatch(/^\d{14}_init$/);
    for (const row of rows) {
      expect(row.finished_at).not.toBeNull();
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("cover every change in prisma/schema.prisma (run npm run db:migration:create if this fails)", async () => {
    expect(await diffSchemaSinceLastMigration(process.env.DATABASE_URL!)).toBe("");
  });

  it("install the extensions and constraints schema.prisma cannot express", async () => {
    const extensions = await db.$queryRaw<{ extname: string }[]>`SELECT extname FROM pg_extension`;
    expect(extensions.map((e) => e.extname)).toEqual(expect.arrayContaining(["pg_trgm", "unaccent"]));
    const indexes = await db.$queryRaw<{ indexname: string }[]>`SELECT indexname FROM pg_indexes WHERE tablename = 'entity_names'`;
    expect(indexes.map((i) => i.indexname)).toEqual(expect.arrayContaining(["entity_names_one_preferred", "entity_names_normalized_trgm"]));
  });
});
