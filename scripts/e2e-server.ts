// The server the end-to-end tests run against: a fresh, throw-away embedded PostgreSQL with
// migrations and the demo archive, and the production build (`next start`). Stopped and cleaned
// on SIGTERM (Playwright's gracefulShutdown).
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ROOT } from "./lib/database-url";
import { freePort, leaveSignalsToCaller, startEmbeddedDb } from "./lib/embedded-db";
import { prepareDatabase } from "./lib/prepare-database";
import { isStopping, onShutdown, run, shutdown, startWorkerBeside, waitForExit } from "./lib/processes";
import { startTestIdentityProvider, TEST_IDP_CLIENT } from "./lib/test-identity-provider";
import { startTestMailbox } from "./lib/test-mailbox";

const PORT = Number(process.env.E2E_PORT ?? 3100);
leaveSignalsToCaller(); // SIGTERM: our shutdown stops the server first, then PostgreSQL

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

// An institution's identity provider (a real OpenID Connect provider with development login
// pages) and a mail server whose messages the tests read at http://localhost:<PORT+3>/messages.
const idp = await startTestIdentityProvider({ port: PORT + 1, redirectUri: `http://localhost:${PORT}/api/auth/callback/oidc` });
onShutdown(() => idp.close());
const mailbox = await startTestMailbox({ smtpPort: PORT + 2, httpPort: PORT + 3 });
onShutdown(() => mailbox.close());

startWorkerBeside(db.url);
const startNext = () => run("npx", ["--no-install", "next", "start", "--port", String(PORT)], {
  env: {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: db.url,
    AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
    NEXT_TELEMETRY_DISABLED: "1",
    APP_URL: `http://localhost:${PORT}`,
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: TEST_IDP_CLIENT.id,
    OIDC_CLIENT_SECRET: TEST_IDP_CLIENT.secret,
    OIDC_NAME: "Example University",
    SMTP_URL: mailbox.url,
    MAIL_FROM: "Dossier <archive@dossier.test>",
    // The tests play the one proxy in front of the app: a test that needs a client address of
    // its own (so that its failed sign-ins do not hold the others) appends it to X-Forwarded-For.
    TRUSTED_PROXY_HOPS: "1",
    // Small, so that a test can send a file over the limit (e2e/import.spec.ts).
    IMPORT_MAX_BYTES: String(1024 * 1024),
    // Small, so that a harvest of the demo archive crosses resumption tokens (e2e/oai.spec.ts).
    OAI_PAGE_SIZE: "2",
  },
});
// The server killed by a signal (npx's shell reports 128 + the signal) is started once more, said
// loudly: once in CI it died of SIGILL in V8's generated code while booting (kernel: "trap
// invalid opcode" at an address in no library), which no test could have caused, and the whole
// suite was lost with it. A second crash, or any other exit, ends the run as before.
const CRASH_SIGNALS = new Set([4, 5, 6, 7, 8, 11]); // ILL, TRAP, ABRT, BUS, FPE, SEGV
let code = await waitForExit(startNext());
if (CRASH_SIGNALS.has(code - 128) && !isStopping()) {
  console.error(`e2e server: next start died of signal ${code - 128}; starting it once more.`);
  code = await waitForExit(startNext());
}
await shutdown(code);
