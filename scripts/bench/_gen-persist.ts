// temporary: generate a persistent bench database for query experiments
import pg from "pg";
import { startEmbeddedDb } from "../lib/embedded-db";
import { applyMigrations } from "../lib/migrations";
import { generate } from "./search";
const size = Number(process.env.GEN_SIZE ?? 500000);
const db = await startEmbeddedDb({ dataDir: `/tmp/bench/pg${size}`, port: 55432, database: "bench", persistent: true });
await applyMigrations(db.url);
const client = new pg.Client({ connectionString: db.url });
await client.connect();
const ms = await generate(client, size);
console.log("generated", size, "in", ms, "ms", db.url);
await client.end();
await db.stop();
process.exit(0);
