// Once per `vitest run`: a real PostgreSQL (embedded, or the server in DATABASE_URL) and a
// template database with every migration applied. Each test file then gets its own copy.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { freePort, startEmbeddedDb, type EmbeddedDb } from "../../scripts/lib/embedded-db";
import { applyMigrations } from "../../scripts/lib/migrations";

export const TEMPLATE_DB = "dossier_test_template";

declare module "vitest" {
  export interface ProvidedContext {
    /** Connection URL of the test server's maintenance database ("postgres"). */
    adminUrl: string;
    templateDb: string;
  }
}

function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  let db: EmbeddedDb | undefined;
  let dataDir: string | undefined;
  let baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "dossier-test-"));
    db = await startEmbeddedDb({ dataDir, port: await freePort(), database: "postgres", persistent: false });
    baseUrl = db.url;
  }
  const adminUrl = withDatabase(baseUrl, "postgres");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  await applyMigrations(withDatabase(baseUrl, TEMPLATE_DB));

  project.provide("adminUrl", adminUrl);
  project.provide("templateDb", TEMPLATE_DB);

  return async () => {
    if (db) await db.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}
