import { createDbClient } from "../server/db";
import { searchQuerySchema } from "../server/search/engine";
import { PostgresSearchEngine } from "../server/search/postgres-engine";
const db = createDbClient("postgresql://dossier:dossier@127.0.0.1:55432/bench");
const e = new PostgresSearchEngine(db);
const q = JSON.parse(process.env.Q!);
await e.search(searchQuerySchema.parse(q));
const t = performance.now(); await e.search(searchQuerySchema.parse(q)); console.log("ms", (performance.now() - t).toFixed(1));
await db.$disconnect();
