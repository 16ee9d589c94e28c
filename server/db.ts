// The one way in and out of the database: a Prisma client over node-postgres (driver adapter;
// Prisma 7's query compiler is WebAssembly, no native engine). One client per process.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { env } from "./env";

function createClient(url: string) {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
}

export type Db = ReturnType<typeof createClient>;
/** The client or an interactive transaction's client: domain functions accept either. */
export type DbOrTx = Db | Parameters<Parameters<Db["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { dossierDb?: Db };

export const db: Db = globalForDb.dossierDb ?? createClient(env.DATABASE_URL ?? "");
if (env.NODE_ENV !== "production") globalForDb.dossierDb = db;

export { createClient as createDbClient };
