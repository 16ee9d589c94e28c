// The server the end-to-end tests run against: a fresh, throw-away embedded PostgreSQL with
// migrations and the demo archive, and the production build (`next start`). Stopped and cleaned
// on SIGTERM (Playwright's gracefulShutdown).
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ROOT } from "./lib/database-url";
import { freePort, startEmbeddedDb } from "./lib/embedded-db";
import { prepareDatabase } from "./lib/prepare-database";
import { onShutdown, run, shutdown, startWorkerBeside, waitForExit } from "./lib/processes";

const PORT = Number(process.env.E2E_PORT ?? 3100);

if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
  console.error("No production build: run `npx next build` first (npm test does).");
  process.exit(1);
}
const dataDir = await mkdtemp(path.join(os.tmpdir(), "dossier-e2e-"));
onShutdown(() => rm(dataDir, { recursive: true, force: true }));
const db = await startEmbeddedDb({ dataDir, port: await freePort(), database: "dossier_e2e", persistent: false });
onShutdown(() => db.stop());
// Demo data as a developer sees it; the e2e server runs NODE_ENV=production only for Next.
await prepareDatabase(db.url, { demo: true, quiet: true });
// Index the demo archive before serving, so the first search already finds it.
{
  const { db: client } = await import("../server/db");
  const { getSearchEngine } = await import("../server/search");
  const { drainOutbox } = await import("../server/search/sync");
  await drainOutbox(client, getSearchEngine());
}

startWorkerBeside(db.url);
const next = run("npx", ["--no-install", "next", "start", "--port", String(PORT)], {
  env: {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: db.url,
    AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
    NEXT_TELEMETRY_DISABLED: "1",
    APP_URL: `http://localhost:${PORT}`,
  },
});
await shutdown(await waitForExit(next));
