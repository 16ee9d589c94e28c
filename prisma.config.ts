// Prisma CLI configuration (generate, validate, format). Migrations do not go through the CLI
// offline: see scripts/lib/migrations.ts and docs/decisions/0002-migrations-with-wasm-schema-engine.md.
// DATABASE_URL is read from process.env (prisma's env() throws when unset, which breaks generate).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx scripts/db-seed.ts" },
  ...(process.env.DATABASE_URL ? { datasource: { url: process.env.DATABASE_URL } } : {}),
});
