// Offline migrations with Prisma's WebAssembly schema engine.
//
// The Prisma CLI cannot migrate here: it first downloads a native schema engine from a host we
// cannot reach. The same engine is published on npm as WebAssembly (@prisma/schema-engine-wasm)
// and talks to PostgreSQL through @prisma/adapter-pg. `applyMigrations` keeps the very
// `_prisma_migrations` table that `prisma migrate deploy` keeps, so either tool can take over.
// See docs/decisions/0002-migrations-with-wasm-schema-engine.md.
import { readFile, readdir, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";

const require = createRequire(import.meta.url);

export const PRISMA_DIR = path.resolve(import.meta.dirname, "../../prisma");
export const SCHEMA_PATH = path.join(PRISMA_DIR, "schema.prisma");
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");
/** Each migration folder keeps the schema it produces, so the next one is a datamodel diff. */
export const SNAPSHOT_FILE = "schema.prisma";

type Wasm = typeof import("@prisma/schema-engine-wasm");
type Engine = Awaited<ReturnType<Wasm["SchemaEngine"]["new"]>>;

let wasmModule: Promise<Wasm> | undefined;

/** Instantiates the wasm-bindgen module by hand: Node cannot `import` a .wasm file. */
function loadWasm(): Promise<Wasm> {
  wasmModule ??= (async () => {
    const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bg = (await import(pathToFileURL(bgPath).href)) as Wasm & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const bytes = await readFile(path.join(path.dirname(bgPath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bg;
  })();
  return wasmModule;
}

/**
 * The engine arms timers it never clears, which would keep Node alive for seconds after the
 * work is done. While it runs, every new timer is unref'd.
 */
async function withUnrefTimers<T>(work: () => Promise<T>): Promise<T> {
  const original = globalThis.setTimeout;
  globalThis.setTimeout = ((...args: Parameters<typeof setTimeout>) => {
    const timer = original(...args);
    timer.unref?.();
    return timer;
  }) as typeof setTimeout;
  try {
    return await work();
  } finally {
    globalThis.setTimeout = original;
  }
}

/**
 * Prisma's pg adapter runs a migration script cut at every ";", which splits a function body
 * ($$ ... ; ... $$, as a PL/pgSQL trigger has) into broken statements. Prisma's native engine
 * sends the script whole, as one simple query; so does this adapter. Errors still go through
 * the adapter's own conversion, so the engine reports them as it would.
 */
class WholeScriptPg extends PrismaPg {
  constructor(private readonly scriptPool: pg.Pool) {
    super(scriptPool);
  }

  override async connect() {
    const adapter = await super.connect();
    const convert = adapter as unknown as { onError(error: unknown): never };
    adapter.executeScript = async (script: string) => {
      try {
        await this.scriptPool.query(script);
      } catch (error) {
        convert.onError(error);
      }
    };
    return adapter;
  }
}

async function withEngine<T>(
  connectionString: string,
  datamodel: string,
  work: (engine: Engine) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadWasm();
  // We own the pool, so we can close it: a pool left open keeps Node alive and holds
  // connections (a template database with open connections cannot be copied).
  const pool = new pg.Pool({ connectionString, max: 2 });
  const factory = new WholeScriptPg(pool);
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const log = (message: string) => {
    if (process.env.DEBUG_MIGRATIONS) console.error("[schema-engine]", message);
  };
  return withUnrefTimers(async () => {
    const engine = await SchemaEngine.new({ datamodels: [[SCHEMA_PATH, datamodel]] }, log, adapter);
    try {
      return await work(engine);
    } finally {
      engine.free();
      await pool.end();
    }
  });
}

async function listMigrationDirs(): Promise<string[]> {
  const entries = await readdir(MIGRATIONS_DIR).catch(() => [] as string[]);
  const dirs: string[] = [];
  for (const entry of entries.sort()) {
    if ((await stat(path.join(MIGRATIONS_DIR, entry))).isDirectory()) dirs.push(entry);
  }
  return dirs;
}

async function loadMigrationList() {
  const dirs = await listMigrationDirs();
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: "migration_lock.toml", content: await readFile(lockPath, "utf8").catch(() => null) },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      dirs.map(async (dir) => ({
        path: dir,
        migrationFile: {
          path: "migration.sql",
          content: await readFile(path.join(MIGRATIONS_DIR, dir, "migration.sql"), "utf8")
            .then((value) => ({ tag: "ok" as const, value }))
            .catch((error: Error) => ({ tag: "error" as const, value: error.message })),
        },
      })),
    ),
  };
}

const noFilter = { externalTables: [], externalEnums: [] };

/** Applies pending migrations; returns the names of those applied now. */
export async function applyMigrations(connectionString: string): Promise<string[]> {
  const datamodel = await readFile(SCHEMA_PATH, "utf8");
  const migrationsList = await loadMigrationList();
  return withEngine(connectionString, datamodel, async (engine) => {
    const output = await engine.applyMigrations({ migrationsList, filters: noFilter });
    return output.appliedMigrationNames;
  });
}

/**
 * The SQL that takes the schema of the latest migration to the current `schema.prisma`
 * (empty string when nothing changed). The engine needs a live connection but reads nothing
 * from it: the diff is datamodel to datamodel.
 */
export async function diffSchemaSinceLastMigration(connectionString: string): Promise<string> {
  const datamodel = await readFile(SCHEMA_PATH, "utf8");
  const dirs = await listMigrationDirs();
  const last = dirs.at(-1);
  const previous = last
    ? await readFile(path.join(MIGRATIONS_DIR, last, SNAPSHOT_FILE), "utf8").catch(() => {
        throw new Error(
          `prisma/migrations/${last}/${SNAPSHOT_FILE} is missing: every migration folder keeps the schema it produces.`,
        );
      })
    : undefined;
  return withEngine(connectionString, datamodel, async (engine) => {
    const result = await engine.diff({
      from: previous
        ? { tag: "schemaDatamodel", files: [{ path: SNAPSHOT_FILE, content: previous }] }
        : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: datamodel }] },
      script: true,
      exitCode: null,
      filters: noFilter,
    });
    const sql = result.stdout ?? "";
    return /^\s*(-- This is an empty migration\.)?\s*$/.test(sql) ? "" : sql;
  });
}
