// temporary: start the kept 100k DB and the production server with --cpu-prof; print the URL
import { freePort, startEmbeddedDb } from "../lib/embedded-db";
import { run, waitForExit } from "../lib/processes";
const db = await startEmbeddedDb({ dataDir: "/tmp/bench-keep/100000", port: 55432, database: "bench", persistent: true, verbose: true, settings: { shared_buffers: "4096MB", log_min_duration_statement: "0", log_statement: "none" } });
console.log("DB", db.url);
const port = 3999;
const app = run("node", ["node_modules/next/dist/bin/next", "start", "--port", String(port)], {
  env: { ...process.env, NODE_ENV: "production", DATABASE_URL: db.url, AUTH_SECRET: "bench-secret-bench-secret-bench-secret!", NEXT_TELEMETRY_DISABLED: "1" },
  stdio: "inherit",
});
process.on("SIGTERM", () => { app.kill("SIGINT"); });
await waitForExit(app);
await db.stop();
void freePort;
