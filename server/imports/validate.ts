// The dry run: every row of the file read, checked and matched against the archive, and the
// outcome stored as the import's items and references: what would be created or updated, which
// entities would be matched (and as what) or created, likely duplicates, and every problem with
// where it is in the file. Nothing enters the archive: only the import's own tables are written.
// Rows are checked a batch at a time, with a few queries per batch, so speed does not depend on
// how many rows share a name or a collection.
import { createHash } from "node:crypto";
import { type Db, writeRows } from "../db";
import { DocumentType } from "../generated/prisma/enums";
import { Prisma } from "../generated/prisma/client";
import { cleanInput, inputProblem } from "../http/safe-text";
import { CONTENT_FIELDS, FIELD_LABELS, type RecordContent, recordContentSchema, revisionContentSelect, revisionToContent } from "../records/content";
import { canonicalJson } from "../review/merge";
import { readCsv } from "./formats/csv";
import { readJsonLines } from "./formats/jsonl";
import { readTei } from "./formats/tei";
import { readStoredFile } from "./files";
import { collectionRef, directId, entityRef, type StoredItem } from "./item";
import { csvMappingSchema } from "./mapping";
import { ReferenceBook } from "./references";
import type { ImportRow, Problem, RowFields } from "./row";

const BATCH = 1_000;

type ScalarField = keyof RowFields;
const SCALARS: ScalarField[] = ["title", "dateText", "summary", "fullText", "originalLanguage", "textLanguages", "documentType", "sourceArchive", "sourceLocator", "rights", "credits"];
const DOCUMENT_TYPES = Object.values(DocumentType) as string[];
/** A record's references: an item keeps them apart, as import references (item.ts). */
const REFERENCE_FIELDS = new Set(["mentions", "collectionIds", "links"]);

/** The rows of a stored import file, read by its format's reader. */
export function rowsOf(db: Db, imp: { id: number; format: "csv" | "jsonl" | "tei"; mapping: unknown }, read = { bytes: 0 }): AsyncIterable<ImportRow> {
  const bytes = readStoredFile(db, imp.id, read);
  if (imp.format === "csv") return readCsv(bytes, csvMappingSchema.parse(imp.mapping));
  if (imp.format === "jsonl") return readJsonLines(bytes);
  return readTei(bytes);
}

export interface DryRunSummary {
  rows: number;
  create: number;
  update: number;
  unchanged: number;
  /** Rows with at least one error (skipped unless fixed). */
  withErrors: number;
  withWarnings: number;
  likelyDuplicates: number;
  entities: { matched: number; created: number; ambiguous: number };
  collections: { matched: number; created: number };
}

interface Target {
  recordId: number;
  revisionId: number;
  content: RecordContent;
  how: string;
}

/** "Journal entry", "journal-entry" -> "journal_entry". */
function documentTypeValue(value: string): string | undefined {
  const folded = value.trim().toLowerCase().replace(/[\s-]+/g, "_");
  return DOCUMENT_TYPES.includes(folded) ? folded : undefined;
}

const sha = (text: string) => createHash("sha1").update(text).digest("base64");

/** Memory of the rows already seen in this file, for duplicates within it (hashes, not texts). */
class SeenInFile {
  private readonly keys = new Map<string, string>();
  private readonly records = new Map<number, string>();
  private readonly titleDates = new Map<string, string>();

  key(key: string, location: string) {
    const first = this.keys.get(key);
    if (!first) this.keys.set(key, location);
    return first;
  }

  record(id: number, location: string) {
    const first = this.records.get(id);
    if (!first) this.records.set(id, location);
    return first;
  }

  titleDate(title: string, date: string, location: string) {
    const hash = sha(`${title.toLowerCase()}\u0000${date}`);
    const first = this.titleDates.get(hash);
    if (!first) this.titleDates.set(hash, location);
    return first;
  }
}

export class DryRun {
  readonly book = new ReferenceBook();
  readonly seen = new SeenInFile();
  readonly summary: DryRunSummary = {
    rows: 0, create: 0, update: 0, unchanged: 0, withErrors: 0, withWarnings: 0, likelyDuplicates: 0,
    entities: { matched: 0, created: 0, ambiguous: 0 }, collections: { matched: 0, created: 0 },
  };
  private seq = 0;

  constructor(
    private readonly db: Db,
    private readonly imp: { id: number; format: "csv" | "jsonl" | "tei" },
  ) {}

  /** Checks a batch of rows; returns the items to store. */
  async check(rows: ImportRow[]): Promise<Prisma.ImportItemCreateManyInput[]> {
    const cleaned = rows.map((row) => {
      const problem = inputProblem(row);
      const clean = cleanInput(row) as ImportRow;
      if (problem) clean.problems.push({ level: "error", message: `The row ${problem.replace(/^fields\./, "")}` });
      return clean;
    });
    // References: note each row's (what a new one is made of), then look everything up at once.
    const before = new Set(this.book.refs.keys());
    const explicit: string[] = [];
    for (const row of cleaned) {
      for (const entity of row.entities) {
        const key = this.book.entityKey(entity);
        if (key?.startsWith("entity:")) explicit.push(key);
        else if (key) this.book.noteEntity(key, entity);
      }
      for (const collection of row.collections) {
        const key = this.book.collectionKey(collection);
        if (key?.startsWith("collection-id:")) explicit.push(key);
        else if (key) this.book.noteCollection(key, collection);
      }
    }
    // The look-ups are independent: they run at once, each on its own connection.
    const [targets, duplicates, linkTargets] = await Promise.all([
      this.findTargets(cleaned),
      this.existingTitleDates(cleaned),
      this.publishedRecords(cleaned.flatMap((r) => r.links.map((l) => l.targetRecordId))),
      this.book.checkIds(this.db, explicit),
      this.book.matchPending(this.db, new Set([...this.book.refs.keys()].filter((k) => !before.has(k)))),
    ]);
    const nameIds = await this.namesUsed(cleaned);
    return cleaned.map((row, i) => this.item(row, targets[i], duplicates, linkTargets, nameIds));
  }

  /** "entity id\0name" -> the name's id, for the names the rows say their documents use. */
  private async namesUsed(rows: ImportRow[]) {
    const wanted = rows.flatMap((row) =>
      row.entities.flatMap((entity) => {
        const key = entity.as ? this.book.entityKey(entity) : undefined;
        const id = key ? this.book.idOf(key) : undefined;
        return id !== undefined && entity.as ? [{ id, name: entity.as }] : [];
      }),
    );
    if (!wanted.length) return new Map<string, number>();
    const names = await this.db.entityName.findMany({
      where: { entityId: { in: [...new Set(wanted.map((w) => w.id))] }, name: { in: [...new Set(wanted.map((w) => w.name))] } },
      select: { id: true, entityId: true, name: true },
    });
    return new Map(names.map((n) => [`${n.entityId}\u0000${n.name}`, n.id]));
  }

  private item(row: ImportRow, target: Target | { error: string } | undefined, duplicates: Map<string, number>, linkTargets: Set<number>, nameIds: Map<string, number>): Prisma.ImportItemCreateManyInput {
    const seq = ++this.seq;
    this.summary.rows++;
    const problems: Problem[] = [...row.problems];
    const readerFailed = problems.some((p) => p.level === "error") && Object.values(row.fields).every((v) => v === undefined);
    if (target && "error" in target) problems.push({ level: "error", field: "id", message: target.error });
    const update = target && !("error" in target) ? target : undefined;

    // Duplicates within the file.
    if (row.key) {
      const first = this.seen.key(row.key, row.location);
      if (first) problems.push({ level: "error", field: "key", message: `The identifier "${row.key}" appears again; it was first at ${first}. Each record can appear once.` });
    }
    if (update) {
      const first = this.seen.record(update.recordId, row.location);
      if (first) problems.push({ level: "error", field: "id", message: `Record ${update.recordId} is already updated at ${first}. Each record can appear once.` });
    }

    // The record's fields: the existing record's, with what the row gives on top (an update), or
    // the row's, with the mapping's defaults for what it leaves out (a new record).
    // (Built field by field: spreading objects of varying shapes was a third of this function's time.)
    const content: Record<string, unknown> = update ? { ...update.content } : { ...(row.defaults ?? {}) };
    for (const field of SCALARS) {
      const value = row.fields[field];
      if (value !== undefined && field !== "documentType") content[field] = value;
    }
    const documentType = row.fields.documentType;
    if (typeof documentType === "string") {
      const value = documentTypeValue(documentType);
      if (value) content.documentType = value;
      else problems.push({ level: "error", field: "documentType", message: `"${documentType}" is not a document type; use one of ${DOCUMENT_TYPES.join(", ")}.` });
    }
    if (!update && !content.summary && typeof content.fullText === "string" && content.fullText.trim()) {
      const text = content.fullText.replace(/\s+/g, " ").trim();
      content.summary = text.length > 500 ? `${text.slice(0, text.lastIndexOf(" ", 490))} …` : text;
      if (this.imp.format !== "tei") problems.push({ level: "warning", field: "summary", message: "No summary: the start of the full text is used." });
    }

    // References.
    const stored: StoredItem = { content: {}, mentions: [], collections: [], links: [] };
    const replace = row.replaces ?? {};
    if (update && !replace.mentions) stored.mentions = update.content.mentions.map((m) => ({ ref: entityRef(m.entityId!), role: m.role, ...(m.nameId ? { nameId: m.nameId } : {}) }));
    if (update && !replace.collections) stored.collections = update.content.collectionIds.map(collectionRef);
    if (update && !replace.links) stored.links = update.content.links.map((l) => ({ ...l }));
    const mentionKeys = new Set(stored.mentions.map((m) => `${m.ref}:${m.role}`));
    for (const entity of row.entities) {
      let ref = this.book.entityKey(entity);
      if (!ref) {
        problems.push({ level: "error", field: "mentions", message: `A ${entity.kind} without a name cannot be linked.` });
        continue;
      }
      if (ref.startsWith("entity:")) {
        const checked = this.book.checkedId(ref);
        if ("error" in checked) {
          problems.push({ level: "error", field: "mentions", message: checked.error });
          continue;
        }
        if (checked.problem) problems.push(checked.problem);
        ref = checked.ref;
      } else {
        const matched = this.book.refs.get(ref)?.matchedId;
        if (matched !== undefined) ref = entityRef(matched);
      }
      const reference = this.book.refs.get(this.book.entityKey(entity)!);
      if (reference?.ambiguous) {
        problems.push({ level: "warning", field: "mentions", message: `“${reference.label}” matches more than one ${entity.kind}; linked to entity ${reference.matchedId}${reference.matchedAs ? ` (as “${reference.matchedAs}”)` : ""}. Check it is the right one.` });
      }
      const dedupe = `${ref}:${entity.role}`;
      if (mentionKeys.has(dedupe)) continue;
      mentionKeys.add(dedupe);
      const entityId = directId(ref);
      const nameId = entity.as && entityId !== undefined ? nameIds.get(`${entityId}\u0000${entity.as}`) : undefined;
      if (entity.as && nameId === undefined && entityId !== undefined) {
        problems.push({ level: "warning", field: "mentions", message: `“${entity.as}” is not a name of entity ${entityId}; it is linked without saying which name the document uses.` });
      }
      stored.mentions.push(nameId ? { ref, role: entity.role, nameId } : { ref, role: entity.role });
    }
    for (const collection of row.collections) {
      let ref = this.book.collectionKey(collection);
      if (!ref) continue;
      if (ref.startsWith("collection-id:")) {
        const checked = this.book.checkedId(ref);
        if ("error" in checked) {
          problems.push({ level: "error", field: "collectionIds", message: checked.error });
          continue;
        }
        ref = checked.ref;
      } else {
        const matched = this.book.refs.get(ref)?.matchedId;
        if (matched !== undefined) ref = collectionRef(matched);
      }
      if (!stored.collections.includes(ref)) stored.collections.push(ref);
    }
    for (const link of row.links) {
      if (!linkTargets.has(link.targetRecordId)) {
        problems.push({ level: "error", field: "links", message: `Record ${link.targetRecordId} does not exist or is not published, so it cannot be linked.` });
        continue;
      }
      if (update && link.targetRecordId === update.recordId) {
        problems.push({ level: "error", field: "links", message: "A record cannot link to itself." });
        continue;
      }
      if (!stored.links.some((l) => l.targetRecordId === link.targetRecordId && l.type === link.type)) {
        stored.links.push({ targetRecordId: link.targetRecordId, type: link.type as StoredItem["links"][number]["type"], note: link.note ?? "" });
      }
    }

    // The record's fields checked as the editor's form checks them.
    if (!readerFailed) {
      content.mentions = [];
      content.collectionIds = [];
      content.links = [];
      const parsed = recordContentSchema.safeParse(content);
      if (parsed.success) {
        // The references are kept apart, as import references (item.ts).
        const fields: Record<string, unknown> = {};
        for (const [field, value] of Object.entries(parsed.data)) if (!REFERENCE_FIELDS.has(field)) fields[field] = value;
        stored.content = fields;
      } else {
        for (const issue of parsed.error.issues.slice(0, 10)) {
          const field = String(issue.path[0] ?? "");
          const label = (FIELD_LABELS as Record<string, string>)[field] ?? field;
          problems.push({ level: "error", field, message: `${label ? `${label}: ` : ""}${issue.message}` });
        }
      }
    }

    const title = String(content.title ?? "").replace(/\s+/g, " ").trim().slice(0, 500);
    const hasErrors = problems.some((p) => p.level === "error");
    let action: "create" | "update" | "unchanged" | "skip" = hasErrors ? "skip" : update ? "update" : "create";
    if (action === "update" && update && this.unchanged(update.content, stored)) action = "unchanged";
    if (action === "create") {
      const date = String(stored.content.dateText ?? "");
      const existing = duplicates.get(`${title.toLowerCase()}\u0000${date}`);
      const inFile = this.seen.titleDate(title, date, row.location);
      if (existing) problems.push({ level: "warning", message: `Record ${existing} already has this title and date: is this a duplicate?` });
      if (inFile) problems.push({ level: "warning", message: `${inFile} has the same title and date: is this a duplicate?` });
      if (existing || inFile) this.summary.likelyDuplicates++;
    }
    if (action === "skip") this.summary.withErrors++;
    else this.summary[action]++;
    if (problems.some((p) => p.level === "warning")) this.summary.withWarnings++;

    return {
      importId: this.imp.id,
      seq,
      location: row.location,
      key: row.key ?? null,
      title: title || "(no title)",
      action,
      recordId: update?.recordId ?? null,
      baseRevisionId: update?.revisionId ?? null,
      proposed: hasErrors ? undefined : (stored as unknown as Prisma.InputJsonValue),
      problems: problems as unknown as Prisma.InputJsonValue,
      hasErrors,
      state: hasErrors ? "left_out" : action === "unchanged" ? "left_out" : "pending",
    };
  }

  /** Whether publishing the item would change nothing in the record. */
  private unchanged(current: RecordContent, stored: StoredItem) {
    for (const [field] of CONTENT_FIELDS) {
      if (field === "mentions" || field === "collectionIds" || field === "links") continue;
      if (canonicalJson(current[field]) !== canonicalJson(stored.content[field])) return false;
    }
    const mentions = (xs: string[]) => canonicalJson([...xs].sort());
    if (mentions(current.mentions.map((m) => `${entityRef(m.entityId!)}:${m.role}:${m.nameId ?? ""}`)) !== mentions(stored.mentions.map((m) => `${m.ref}:${m.role}:${m.nameId ?? ""}`))) return false;
    if (mentions(current.collectionIds.map(collectionRef)) !== mentions(stored.collections)) return false;
    return mentions(current.links.map((l) => `${l.targetRecordId}:${l.type}:${l.note}`)) === mentions(stored.links.map((l) => `${l.targetRecordId}:${l.type}:${l.note}`));
  }

  /**
   * The record each row updates: by the record id it gives, else by an identifier an earlier
   * import recorded, else (CSV) by archive and locator when exactly one published record has them.
   */
  private async findTargets(rows: ImportRow[]): Promise<(Target | { error: string } | undefined)[]> {
    const ids = rows.map((r) => r.recordId).filter((id): id is number => id !== undefined);
    const keys = rows.map((r) => r.key).filter((k): k is string => !!k);
    const keyed = keys.length ? await this.db.recordImportKey.findMany({ where: { key: { in: keys } }, select: { key: true, recordId: true } }) : [];
    const recordOfKey = new Map(keyed.map((k) => [k.key, k.recordId]));
    const locatorRows = this.imp.format === "csv" ? rows.filter((r) => r.recordId === undefined && !(r.key && recordOfKey.has(r.key)) && r.fields.sourceLocator?.trim()) : [];
    const locators = [...new Set(locatorRows.map((r) => r.fields.sourceLocator!.trim().toLowerCase()))];
    const byLocator = locators.length
      ? await this.db.$queryRaw<{ record_id: number; archive: string; locator: string }[]>`
          SELECT r.id AS record_id, lower(v.source_archive) AS archive, lower(v.source_locator) AS locator
          FROM record_revisions v JOIN records r ON r.published_revision_id = v.id
          WHERE lower(v.source_locator) = ANY(${locators}::text[]) AND v.source_locator <> '' AND r.status = 'published'`
      : [];
    const wanted = [...new Set([...ids, ...recordOfKey.values(), ...byLocator.map((l) => l.record_id)])];
    const records = wanted.length
      ? await this.db.archivalRecord.findMany({ where: { id: { in: wanted } }, select: { id: true, status: true, publishedRevisionId: true } })
      : [];
    const recordById = new Map(records.map((r) => [r.id, r]));
    const revisionIds = records.flatMap((r) => (r.publishedRevisionId ? [r.publishedRevisionId] : []));
    const revisions = revisionIds.length ? await this.db.recordRevision.findMany({ where: { id: { in: revisionIds } }, select: { ...revisionContentSelect, recordId: true } }) : [];
    const contentOf = new Map(revisions.map((r) => [r.recordId, { revisionId: r.id, content: revisionToContent(r) }]));

    const resolve = (recordId: number, how: string): Target | { error: string } => {
      const record = recordById.get(recordId);
      if (!record) return { error: `Record ${recordId} does not exist in this archive.` };
      if (record.status === "withdrawn") return { error: `Record ${recordId} (${how}) is withdrawn; an admin must restore it before an import can change it.` };
      const current = contentOf.get(recordId);
      if (record.status !== "published" || !current) return { error: `Record ${recordId} (${how}) has no published revision yet; it cannot be updated by an import.` };
      return { recordId, ...current, how };
    };
    return rows.map((row) => {
      if (row.recordId !== undefined) return resolve(row.recordId, "its id");
      const keyedRecord = row.key ? recordOfKey.get(row.key) : undefined;
      if (keyedRecord !== undefined) return resolve(keyedRecord, `identifier ${row.key}`);
      const locator = this.imp.format === "csv" ? row.fields.sourceLocator?.trim().toLowerCase() : undefined;
      if (!locator) return undefined;
      const archive = (row.fields.sourceArchive ?? row.defaults?.sourceArchive ?? "").trim().toLowerCase();
      const matches = byLocator.filter((l) => l.locator === locator && (!archive || l.archive === archive));
      if (matches.length === 0) return undefined;
      if (matches.length > 1) {
        return { error: `${matches.length} records have this locator (${matches.slice(0, 5).map((m) => m.record_id).join(", ")}); give the record id to say which one to update.` };
      }
      return resolve(matches[0]!.record_id, "same archive and locator");
    });
  }

  /** Published records with one of these titles: "title\0date" -> record id. */
  private async existingTitleDates(rows: ImportRow[]) {
    const titles = [...new Set(rows.map((r) => r.fields.title?.replace(/\s+/g, " ").trim().toLowerCase()).filter((t): t is string => !!t))];
    if (!titles.length) return new Map<string, number>();
    const found = await this.db.$queryRaw<{ record_id: number; title: string; date_text: string }[]>`
      SELECT r.id AS record_id, lower(v.title) AS title, v.date_text
      FROM record_revisions v JOIN records r ON r.published_revision_id = v.id
      WHERE lower(v.title) = ANY(${titles}::text[]) AND r.status = 'published'`;
    return new Map(found.map((f) => [`${f.title}\u0000${f.date_text}`, f.record_id]));
  }

  private async publishedRecords(ids: number[]) {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Set<number>();
    const found = await this.db.archivalRecord.findMany({ where: { id: { in: unique }, status: "published" }, select: { id: true } });
    return new Set(found.map((r) => r.id));
  }

  /** The summary's entity and collection counts, once every row is checked. */
  finish(): DryRunSummary {
    for (const ref of this.book.refs.values()) {
      const counts = ref.kind === "collection" ? this.summary.collections : this.summary.entities;
      if (ref.matchedId !== undefined) counts.matched++;
      else counts.created++;
      if (ref.ambiguous && ref.kind !== "collection") this.summary.entities.ambiguous++;
    }
    return this.summary;
  }
}

/**
 * Stores a batch of items in one statement, the batch as one JSON parameter: the client's
 * per-value handling of a createMany with 500 JSON documents cost more than the dry run itself.
 */
async function storeItems(db: Db, items: Prisma.ImportItemCreateManyInput[]) {
  const rows = items.map((i) => ({
    import_id: i.importId,
    seq: i.seq,
    location: i.location,
    key: i.key ?? null,
    title: i.title,
    action: i.action,
    record_id: i.recordId ?? null,
    base_revision_id: i.baseRevisionId ?? null,
    proposed: i.proposed ?? null,
    problems: i.problems ?? [],
    has_errors: i.hasErrors ?? false,
    state: i.state ?? "pending",
  }));
  await writeRows(db, Prisma.sql`
    INSERT INTO import_items (import_id, seq, location, key, title, action, record_id, base_revision_id, proposed, problems, has_errors, state)
    SELECT import_id, seq, location, key, title, action::"ImportItemAction", record_id, base_revision_id, proposed, problems, has_errors, state::"ImportItemState"
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(import_id int, seq int, location text, key text, title text, action text,
      record_id int, base_revision_id int, proposed jsonb, problems jsonb, has_errors boolean, state text)`);
}

/**
 * Runs the dry run of an import from its stored file: items and references replaced (a resumed
 * run starts over), progress (bytes of the file read) reported after each batch. Throws
 * UnreadableFile when the file cannot be read at all.
 */
export async function dryRun(db: Db, imp: { id: number; format: "csv" | "jsonl" | "tei"; mapping: unknown }, progress: (bytesRead: number) => Promise<void>) {
  await db.importItem.deleteMany({ where: { importId: imp.id } });
  await db.importReference.deleteMany({ where: { importId: imp.id } });
  const run = new DryRun(db, imp);
  const read = { bytes: 0 };
  let batch: ImportRow[] = [];
  // A batch is stored while the next one is read and checked (at most one store at a time, in
  // order): the database works while this process does.
  let storing: Promise<void> = Promise.resolve();
  const flush = async () => {
    if (!batch.length) return;
    const items = await run.check(batch);
    batch = [];
    await storing;
    storing = storeItems(db, items).then(() => progress(read.bytes));
    storing.catch(() => undefined); // awaited at the next flush or at the end
  };
  for await (const row of rowsOf(db, imp, read)) {
    batch.push(row);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  await storing;
  await run.book.store(db, imp.id);
  return run.finish();
}
