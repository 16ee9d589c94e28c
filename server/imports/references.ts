// The entities and collections an import refers to: each distinct one is matched once against
// the archive (by any of its names, accent- and case-insensitively, as the entity picker does)
// and remembered for the whole import; what matches nothing is created when the first record
// using it is published, so an approved import never creates an entity nobody uses.
import type { DbOrTx } from "../db";
import { type BulkColumn, insertRows } from "../db-bulk";
import { normalizeName } from "../entities/names";
import type { ImportReferenceKind } from "../generated/prisma/client";
import { slugify } from "../slug";
import { collectionRef, directId, entityRef } from "./item";
import type { EntityKind, Problem, RowCollection, RowEntity } from "./row";

export interface ReferenceDetail {
  names: string[];
  description?: string;
  slug?: string;
  /** A new place's coordinates, from the file (an existing place keeps its own). */
  coordinates?: { latitude: number; longitude: number };
}

export interface Reference {
  key: string;
  kind: ImportReferenceKind;
  label: string;
  detail: ReferenceDetail;
  matchedId?: number;
  matchedAs?: string;
  ambiguous: boolean;
  uses: number;
}

const ENTITY_LIMIT = 300;

/** The references of one import as the dry run builds them, matched a batch at a time. */
export class ReferenceBook {
  readonly refs = new Map<string, Reference>();
  /** Explicit ids already checked: the id, or why it cannot be used. */
  private readonly ids = new Map<string, { id: number; note?: string } | { error: string }>();

  /** Names folded for matching, remembered: an import names the same people row after row. */
  private readonly folded = new Map<string, string>();
  /** Collection titles' keys, remembered as the folded names are. */
  private readonly collectionKeys = new Map<string, string>();
  private fold(name: string): string {
    let folded = this.folded.get(name);
    if (folded === undefined) {
      if (this.folded.size >= 100_000) this.folded.clear();
      folded = normalizeName(name);
      this.folded.set(name, folded);
    }
    return folded;
  }

  /** The reference key for a row's entity (not yet matched). */
  entityKey(entity: RowEntity): string | undefined {
    if (entity.id !== undefined) return entityRef(entity.id);
    for (const name of entity.names) {
      const folded = this.fold(name);
      if (folded) return entity.fileKey ?? `${entity.kind}:${folded}`;
    }
    return undefined;
  }

  collectionKey(collection: RowCollection): string | undefined {
    if (collection.id !== undefined) return collectionRef(collection.id);
    if (collection.slug) return `collection:${slugify(collection.slug, 200)}`;
    let key = this.collectionKeys.get(collection.title);
    if (key === undefined) {
      if (this.collectionKeys.size >= 100_000) this.collectionKeys.clear();
      key = this.fold(collection.title) ? `collection:${slugify(collection.title, 200)}` : "";
      this.collectionKeys.set(collection.title, key);
    }
    return key || undefined;
  }

  /** Notes a row's entity (the first time its key is seen, what it is made of). */
  noteEntity(key: string, entity: RowEntity) {
    if (directId(key) !== undefined) return;
    const ref = this.refs.get(key);
    if (ref) {
      ref.uses++;
      return;
    }
    const names = [...new Set(entity.names.map((n) => n.replace(/\s+/g, " ").trim().slice(0, ENTITY_LIMIT)).filter((n) => this.fold(n)))];
    this.refs.set(key, {
      key,
      kind: entity.kind,
      label: names[0]!,
      detail: {
        names,
        ...(entity.description ? { description: entity.description.slice(0, 2_000) } : {}),
        ...(entity.kind === "place" && entity.coordinates ? { coordinates: entity.coordinates } : {}),
      },
      ambiguous: false,
      uses: 1,
    });
  }

  noteCollection(key: string, collection: RowCollection) {
    if (directId(key) !== undefined) return;
    const ref = this.refs.get(key);
    if (ref) {
      ref.uses++;
      return;
    }
    const title = (collection.title || collection.slug || "").trim().slice(0, 300);
    this.refs.set(key, {
      key,
      kind: "collection",
      label: title,
      detail: { names: [title], slug: key.slice("collection:".length), ...(collection.description ? { description: collection.description.slice(0, 2_000) } : {}) },
      ambiguous: false,
      uses: 1,
    });
  }

  /** Matches every reference not matched yet against the archive, in a few queries. */
  async matchPending(db: DbOrTx, pending: Set<string>) {
    const entityRefs = [...pending].map((k) => this.refs.get(k)!).filter((r) => r.kind !== "collection");
    const collectionRefs = [...pending].map((k) => this.refs.get(k)!).filter((r) => r.kind === "collection");
    if (entityRefs.length) {
      const normalized = [...new Set(entityRefs.flatMap((r) => r.detail.names.map((n) => this.fold(n))))];
      const rows = await db.$queryRaw<{ normalized: string; name: string; is_preferred: boolean; id: number; type: EntityKind }[]>`
        SELECT n.normalized, n.name, n.is_preferred, e.id, e.type::text AS type
        FROM entity_names n JOIN entities e ON e.id = n.entity_id
        WHERE e.merged_into_id IS NULL AND n.normalized = ANY(${normalized}::text[])`;
      const byName = new Map<string, typeof rows>();
      for (const row of rows) byName.set(row.normalized, [...(byName.get(row.normalized) ?? []), row]);
      for (const ref of entityRefs) {
        const candidates = ref.detail.names.flatMap((name, position) =>
          (byName.get(this.fold(name)) ?? []).filter((c) => c.type === ref.kind).map((c) => ({ ...c, position })),
        );
        if (!candidates.length) continue;
        candidates.sort((a, b) => a.position - b.position || Number(b.is_preferred) - Number(a.is_preferred) || a.id - b.id);
        const best = candidates[0]!;
        ref.matchedId = best.id;
        if (best.name !== ref.label) ref.matchedAs = best.name;
        ref.ambiguous = new Set(candidates.map((c) => c.id)).size > 1;
      }
    }
    if (collectionRefs.length) {
      const slugs = collectionRefs.map((r) => r.detail.slug!);
      const titles = collectionRefs.map((r) => r.label.toLowerCase());
      const found = await db.$queryRaw<{ id: number; slug: string; title: string }[]>`
        SELECT id, slug, title FROM collections WHERE slug = ANY(${slugs}::text[]) OR lower(title) = ANY(${titles}::text[]) ORDER BY id`;
      for (const ref of collectionRefs) {
        const match = found.find((c) => c.slug === ref.detail.slug) ?? found.find((c) => c.title.toLowerCase() === ref.label.toLowerCase());
        if (!match) continue;
        ref.matchedId = match.id;
        if (match.title !== ref.label) ref.matchedAs = match.title;
      }
    }
  }

  /** Checks ids the file gives (JSON Lines) in one query per kind; returns a problem per bad one. */
  async checkIds(db: DbOrTx, keys: string[]) {
    const fresh = keys.filter((k) => !this.ids.has(k));
    const entityIds = fresh.filter((k) => k.startsWith("entity:")).map((k) => directId(k)!);
    const collectionIds = fresh.filter((k) => k.startsWith("collection-id:")).map((k) => directId(k)!);
    if (entityIds.length) {
      const entities = await db.entity.findMany({ where: { id: { in: entityIds } }, select: { id: true, mergedIntoId: true } });
      const byId = new Map(entities.map((e) => [e.id, e]));
      for (const id of entityIds) {
        const entity = byId.get(id);
        this.ids.set(
          entityRef(id),
          !entity
            ? { error: `Entity ${id} does not exist in this archive.` }
            : entity.mergedIntoId !== null
              ? { id: entity.mergedIntoId, note: `Entity ${id} was merged into entity ${entity.mergedIntoId}; the record links the survivor.` }
              : { id },
        );
      }
    }
    if (collectionIds.length) {
      const found = new Set((await db.collection.findMany({ where: { id: { in: collectionIds } }, select: { id: true } })).map((c) => c.id));
      for (const id of collectionIds) this.ids.set(collectionRef(id), found.has(id) ? { id } : { error: `Collection ${id} does not exist in this archive.` });
    }
  }

  /** An explicit id's resolution: the ref to store (a merged entity's survivor), or a problem. */
  checkedId(key: string): { ref: string; problem?: Problem } | { error: string } {
    const checked = this.ids.get(key);
    if (!checked) return { error: `${key} was not checked.` };
    if ("error" in checked) return checked;
    const ref = key.startsWith("entity:") ? entityRef(checked.id) : collectionRef(checked.id);
    return { ref, ...(checked.note ? { problem: { level: "warning" as const, message: checked.note } } : {}) };
  }

  /** The id a reference has now, if any. */
  idOf(key: string): number | undefined {
    return directId(key) ?? this.refs.get(key)?.matchedId;
  }

  /** Stores every reference, a thousand per statement (one JSON parameter each: server/db-bulk.ts). */
  async store(db: DbOrTx, importId: number): Promise<void> {
    const rows = [...this.refs.values()].map((r) => ({
      import_id: importId,
      key: r.key,
      kind: r.kind,
      label: r.label,
      detail: r.detail,
      matched_id: r.matchedId ?? null,
      matched_as: r.matchedAs ?? null,
      ambiguous: r.ambiguous,
      uses: r.uses,
    }));
    for (let i = 0; i < rows.length; i += 1_000) await insertRows(db, "import_references", REFERENCE_COLUMNS, rows.slice(i, i + 1_000));
  }
}

/** Creates the collection an import reference stands for (with a free slug), remembered on it. */
async function createCollection(tx: DbOrTx, ref: { importId: number; key: string; label: string; detail: unknown }): Promise<number> {
  const detail = ref.detail as ReferenceDetail;
  const base = detail.slug || slugify(ref.label) || `collection-${ref.importId}`;
  let slug = base;
  for (let n = 2; await tx.collection.findUnique({ where: { slug }, select: { id: true } }); n++) slug = `${base}-${n}`;
  const { id } = await tx.collection.create({ data: { slug, title: ref.label, description: detail.description ?? "" }, select: { id: true } });
  await tx.importReference.update({ where: { importId_key: { importId: ref.importId, key: ref.key } }, data: { createdId: id } });
  return id;
}

const REFERENCE_COLUMNS: BulkColumn[] = [
  ["import_id", "int"], ["key", "text"], ["kind", "text", '"ImportReferenceKind"'], ["label", "text"], ["detail", "jsonb"],
  ["matched_id", "int"], ["matched_as", "text"], ["ambiguous", "boolean"], ["uses", "int"],
];
const ENTITY_COLUMNS: BulkColumn[] = [
  ["id", "int"], ["type", "text", '"EntityType"'], ["description", "text"], ["latitude", "float8"], ["longitude", "float8"], ["updated_at", "timestamptz", "timestamp(3)"],
];
const NAME_COLUMNS: BulkColumn[] = [["entity_id", "int"], ["name", "text"], ["normalized", "text"], ["language", "text"], ["is_preferred", "boolean"], ["updated_at", "timestamptz", "timestamp(3)"]];
const AUDIT_COLUMNS: BulkColumn[] = [["actor_id", "text"], ["action", "text"], ["subject_type", "text"], ["subject_id", "text"], ["payload", "jsonb"]];

/**
 * The ids of many import references at once (a publication batch): matched ones as they are,
 * created ones as remembered, and the entities still to create made together (their names,
 * audit events and remembered ids in a few statements). Collections, few, one at a time.
 * What an approved import does not use is never created.
 *
 * Batches publish concurrently (publish.ts): the references still to create are locked first,
 * in key order, so two batches needing the same new entity create it once (the second waits for
 * the first to commit, then finds it created) and never wait for each other in a cycle.
 */
export async function materializeMany(tx: DbOrTx, importId: number, keys: string[], actorId: string): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const wanted = [...new Set(keys)];
  for (const key of wanted) {
    const direct = directId(key);
    if (direct !== undefined) ids.set(key, direct);
  }
  const named = wanted.filter((k) => !ids.has(k));
  if (!named.length) return ids;
  const toMake = await tx.$queryRaw<{ key: string; kind: ImportReferenceKind; label: string; detail: unknown }[]>`
    SELECT key, kind::text AS kind, label, detail FROM import_references
    WHERE import_id = ${importId} AND key = ANY(${named}::text[]) AND matched_id IS NULL AND created_id IS NULL
    ORDER BY key FOR UPDATE`;
  for (const ref of toMake) if (ref.kind === "collection") ids.set(ref.key, await createCollection(tx, { importId, ...ref }));
  const toCreate = toMake.filter((r) => r.kind !== "collection");
  if (toCreate.length) {
    const reserved = await tx.$queryRaw<{ id: number }[]>`SELECT nextval(pg_get_serial_sequence('entities', 'id'))::int AS id FROM generate_series(1, ${toCreate.length}::int)`;
    const details = toCreate.map((r) => r.detail as ReferenceDetail);
    const now = new Date().toISOString();
    await insertRows(tx, "entities", ENTITY_COLUMNS, toCreate.map((r, k) => ({
      id: reserved[k]!.id,
      type: r.kind,
      description: details[k]!.description ?? "",
      latitude: details[k]!.coordinates?.latitude ?? null,
      longitude: details[k]!.coordinates?.longitude ?? null,
      updated_at: now,
    })));
    await insertRows(tx, "entity_names", NAME_COLUMNS, toCreate.flatMap((_, k) =>
      details[k]!.names.map((name, i) => ({ entity_id: reserved[k]!.id, name, normalized: normalizeName(name), language: "", is_preferred: i === 0, updated_at: now })),
    ));
    await insertRows(tx, "audit_events", AUDIT_COLUMNS, toCreate.map((_, k) => ({
      actor_id: actorId, action: "entity.create", subject_type: "entity", subject_id: String(reserved[k]!.id), payload: { introducedBy: "import", importId },
    })));
    const created = JSON.stringify(toCreate.map((r, k) => ({ key: r.key, id: reserved[k]!.id })));
    await tx.$executeRaw`
      UPDATE import_references r SET created_id = x.id
      FROM jsonb_to_recordset(${created}::jsonb) AS x(key text, id int)
      WHERE r.import_id = ${importId} AND r.key = x.key`;
    toCreate.forEach((r, k) => ids.set(r.key, reserved[k]!.id));
  }
  // The rest, matched or already created (by an earlier batch, or one that just committed).
  const known = named.filter((k) => !ids.has(k));
  if (known.length) {
    const refs = await tx.$queryRaw<{ key: string; id: number | null }[]>`
      SELECT key, coalesce(matched_id, created_id) AS id FROM import_references WHERE import_id = ${importId} AND key = ANY(${known}::text[])`;
    for (const ref of refs) if (ref.id !== null) ids.set(ref.key, ref.id);
  }
  return ids;
}
