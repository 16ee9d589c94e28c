// Where scripts get their database: DATABASE_URL when set, else an embedded PostgreSQL.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort, startEmbeddedDb, type EmbeddedDb } from "./embedded-db";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const DEV_DATA_DIR = process.env.DOSSIER_DATA_DIR ?? path.join(ROOT, ".data", "postgres");
export const DEV_DB_PORT = Number(process.env.DOSSIER_DB_PORT ?? 54329);

/**
 * Runs `work` with a database URL: DATABASE_URL if set; otherwise the development database
 * under .data/ (started for the duration, then stopped).
 */
export async function withDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) return work(process.env.DATABASE_URL);
  const db: EmbeddedDb = await startEmbeddedDb({
    dataDir: DEV_DATA_DIR,
    port: DEV_DB_PORT,
    database: "dossier",
    persistent: true,
  });
  try {
    return await work(db.url);
  } finally {
    await db.stop();
  }
}

/** Runs `work` against a throw-away embedded PostgreSQL (temporary directory, free port). */
export async function withScratchDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "dossier-scratch-"));
  const db = await startEmbeddedDb({ dataDir, port: await freePort(), database: "scratch", persistent: false });
  try {
    return await work(db.url);
  } finally {
    await db.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * Runs `work` with the app's database client, on DATABASE_URL or the embedded development
 * database, after applying pending migrations. (server/db.ts reads DATABASE_URL when first
 * imported, so it is imported here, after the URL is known.)
 */
export async function withMigratedAppDb<T>(work: (db: import("../../server/db").Db) => Promise<T>): Promise<T> {
  return withDatabase(async (url) => {
    const { applyMigrations } = await import("./migrations");
    await applyMigrations(url);
    process.env.DATABASE_URL = url;
    const { db } = await import("../../server/db");
    try {
      return await work(db);
    } finally {
      await db.$disconnect();
    }
  });
}
