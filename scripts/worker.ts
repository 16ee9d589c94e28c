export {};
// npm run worker — the background worker: search sync and bulk-import jobs (docker compose runs it
// as a service; npm run dev and npm start run it beside the app).
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set: the worker syncs the search index of that database.");
  process.exit(1);
}
const { db } = await import("../server/db");
const { getSearchEngine } = await import("../server/search");
const { startSyncWorker } = await import("../server/search/worker");
const { startImportWorker } = await import("../server/imports/jobs");

const engine = getSearchEngine();
const worker = startSyncWorker({ db, engine, databaseUrl: url });
await worker.ready;
const imports = startImportWorker({ db, databaseUrl: url });
await imports.ready;
console.log(`Worker running: search sync (engine: ${engine.name}) and import jobs.`);

async function stop() {
  await Promise.all([worker.stop(), imports.stop()]);
  await db.$disconnect();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
