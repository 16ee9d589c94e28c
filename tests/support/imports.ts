// Importing in tests: files uploaded through the same domain functions the upload route and the
// command use, the background stages run to their end in-process (as the worker would).
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { loadSessionUser, type SessionUser } from "../../server/auth/session-user";
import { db } from "../../server/db";
import type { ImportFormat } from "../../server/generated/prisma/enums";
import { csvMappingStep, DEFAULT_MAX_IMPORT_BYTES, startDryRun, uploadImport } from "../../server/imports/imports";
import { runPendingImportJobs } from "../../server/imports/jobs";
import type { CsvMapping } from "../../server/imports/mapping";

export const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/imports");

export async function sessionUser(user: { id: string }): Promise<SessionUser> {
  const full = await db.user.findUniqueOrThrow({ where: { id: user.id } });
  return (await loadSessionUser({ uid: full.id, sv: full.sessionVersion, sid: "s1" }))!;
}

async function* once(bytes: Uint8Array) {
  yield bytes;
}

/** Uploads a fixture file or given bytes; a CSV is mapped as the mapping step suggests (or as given). */
export async function upload(
  author: SessionUser,
  file: string | { name: string; bytes: Uint8Array | string },
  options: { mapping?: (suggested: CsvMapping) => CsvMapping; maxBytes?: number; format?: ImportFormat } = {},
) {
  const fileName = typeof file === "string" ? path.basename(file) : file.name;
  const body = typeof file === "string" ? createReadStream(path.join(FIXTURES, file)) : once(typeof file.bytes === "string" ? Buffer.from(file.bytes) : file.bytes);
  const created = await uploadImport(db, { author, fileName, body, maxBytes: options.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES, format: options.format });
  if (created.format === "csv") {
    const step = await csvMappingStep(db, author, created.id);
    const mapping: CsvMapping = { columns: step.suggested, listSeparator: ";", defaults: { originalLanguage: "en", documentType: "other", sourceArchive: "", rights: "" } };
    await startDryRun(db, { author, id: created.id, mapping: options.mapping ? options.mapping(mapping) : mapping });
  }
  await runPendingImportJobs(db);
  return db.import.findUniqueOrThrow({ where: { id: created.id } });
}

export const fixture = (name: string) => readFile(path.join(FIXTURES, name));

/** Rows of the archive's tables an import may touch, for "nothing stored" and "exactly restored". */
export async function archiveCounts() {
  const [records, revisions, entities, names, collections, outbox, mentions] = await Promise.all([
    db.archivalRecord.count(),
    db.recordRevision.count(),
    db.entity.count(),
    db.entityName.count(),
    db.collection.count(),
    db.searchOutbox.count(),
    db.mention.count(),
  ]);
  return { records, revisions, entities, names, collections, outbox, mentions };
}
