// npm run dev — the whole app on one machine with nothing but Node:
// an embedded PostgreSQL (data kept in .data/ between runs) unless DATABASE_URL is set,
// migrations, the demo archive (once), then Next.js on http://localhost:3000.
import path from "node:path";
import { DEV_DATA_DIR, DEV_DB_PORT } from "./lib/database-url";
import { EmbeddedDbError, portInUse, leaveSignalsToCaller, startEmbeddedDb } from "./lib/embedded-db";
import { prepareDatabase } from "./lib/prepare-database";
import { onShutdown, run, shutdown, startWorkerBeside, waitForExit } from "./lib/processes";

const PORT = Number(process.env.PORT ?? 3000);
process.env.NEXT_TELEMETRY_DISABLED = "1";
leaveSignalsToCaller(); // Ctrl-C: our shutdown stops Next and the worker first, then PostgreSQL

async function main() {
  if (await portInUse(PORT, "0.0.0.0")) {
    console.error(`Port ${PORT} is already in use (another "npm run dev"?). Stop that program or run: PORT=3001 npm run dev`);
    process.exit(1);
  }

  let url = process.env.DATABASE_URL;
  if (url) {
    console.log("Using the database in DATABASE_URL.");
  } else {
    const started = Date.now();
    const db = await startEmbeddedDb({ dataDir: DEV_DATA_DIR, port: DEV_DB_PORT, database: "dossier", persistent: true });
    onShutdown(async () => {
      await db.stop();
      console.log(`Embedded PostgreSQL stopped; your data is kept in ${path.relative(process.cwd(), DEV_DATA_DIR)}.`);
    });
    url = db.url;
    console.log(`Embedded PostgreSQL ready on port ${DEV_DB_PORT} in ${Date.now() - started} ms (data in ${path.relative(process.cwd(), DEV_DATA_DIR) || "."}).`);
  }

  await prepareDatabase(url, { demo: process.env.DOSSIER_DEMO !== "0" });

  startWorkerBeside(url);
  const next = run("npx", ["--no-install", "next", "dev", "--port", String(PORT)], {
    // Links in invitations and resets, and the cross-site check, use APP_URL: in development it
    // follows PORT unless set.
    env: { ...process.env, DATABASE_URL: url, APP_URL: process.env.APP_URL || `http://localhost:${PORT}` },
  });
  console.log(`
  Dossier is starting on http://localhost:${PORT}
  Sign in at http://localhost:${PORT}/sign-in with a demo account (password: dossier-demo-password):
    admin@dossier.test · reviewer@dossier.test · editor@dossier.test
  Press Ctrl-C to stop.
`);
  await shutdown(await waitForExit(next));
}

main().catch(async (error) => {
  if (error instanceof EmbeddedDbError) console.error(`\n${error.message}\n`);
  else console.error(error);
  await shutdown(1);
});
