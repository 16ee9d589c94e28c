// npm start — production: apply pending migrations to DATABASE_URL, then serve the built app
// (`npm run build` first). Seeds nothing: create the first admin with `npm run user:create`.
import { applyMigrations } from "./lib/migrations";
import { run, shutdown, startWorkerBeside, waitForExit } from "./lib/processes";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. In production, point it at your PostgreSQL (see .env.example); for development use npm run dev.");
  process.exit(1);
}
const applied = await applyMigrations(url);
console.log(applied.length ? `Applied migration(s): ${applied.join(", ")}` : "Database schema is up to date.");

const port = process.env.PORT ?? "3000";
startWorkerBeside(url);
const next = run("npx", ["--no-install", "next", "start", "--port", port], { env: { ...process.env, NODE_ENV: "production" } });
await shutdown(await waitForExit(next));
