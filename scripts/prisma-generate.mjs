// Runs `prisma generate` offline.
// Every Prisma CLI command first tries to download a native schema engine from Prisma's
// binary host (unreachable offline; prisma/orm#18595). `generate` does not use that engine,
// so pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file skips the download.
// See docs/decisions/0002-migrations-with-wasm-schema-engine.md.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

if (!existsSync("prisma/schema.prisma")) process.exit(0);
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = fileURLToPath(import.meta.url);
const result = spawnSync("npx", ["--no-install", "prisma", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
