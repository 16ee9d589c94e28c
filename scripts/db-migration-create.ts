// npm run db:migration:create -- <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL from the last migration's
// schema to the current prisma/schema.prisma, plus a snapshot of that schema. Review the SQL,
// add what Prisma cannot express (extensions, partial or trigram indexes), commit both files.
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { withScratchDatabase } from "./lib/database-url";
import { MIGRATIONS_DIR, SCHEMA_PATH, SNAPSHOT_FILE, diffSchemaSinceLastMigration } from "./lib/migrations";

const name = (process.argv[2] ?? "").toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
if (!name) {
  console.error("Usage: npm run db:migration:create -- <name>   (e.g. add_entity_notes)");
  process.exit(2);
}

const sql = await withScratchDatabase((url) => diffSchemaSinceLastMigration(url));
if (!sql) {
  console.log("prisma/schema.prisma has no changes since the last migration; nothing to create.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
await mkdir(dir, { recursive: true });
await writeFile(path.join(dir, "migration.sql"), sql);
await copyFile(SCHEMA_PATH, path.join(dir, SNAPSHOT_FILE));
await writeFile(path.join(MIGRATIONS_DIR, "migration_lock.toml"), 'provider = "postgresql"\n');
console.log(`Created ${path.relative(process.cwd(), dir)}/migration.sql; review it, then npm run db:migrate.`);
