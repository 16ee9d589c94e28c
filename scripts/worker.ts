export {};
// npm run worker — the search sync worker alone (docker compose runs it as a service; npm run dev
// and npm start run it beside the app).
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set: the worker syncs the search index of that database.");
  process.exit(1);
}
const { db } = await import("../server/db");
const { getSearchEngine } = await import("../server/search");
const { startSyncWorker } = await import("../server/search/worker");

const engine = getSearchEngine();
const worker = startSyncWorker({ db, engine, databaseUrl: url });
await worker.ready;
console.log(`Search sync worker running (engine: ${engine.name}).`);

async function stop() {
  await worker.stop();
  await db.$disconnect();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
