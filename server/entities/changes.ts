// Changes to authority records go through review like record changes: an editor proposes a new
// entity or an edit (names, description, dates, identifiers), a reviewer approves, and the
// approval applies it in one transaction with an audit event and, for edits, a search-outbox row
// that re-indexes every record mentioning the entity (in batches, by the worker).
import { recordAuditEvent } from "../audit/audit";
import type { DbOrTx } from "../db";
import { badInput, conflict, notFound } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { ContentDiff, FieldDiff } from "../review/diff";
import { enqueueEntitySync } from "../search/outbox";
import { parseStored } from "../review/stored";
import { createEntity, type EntityInput, entityFields, entityInputSchema } from "./entities";
import { normalizeName } from "./names";

/** An entity as proposal content: what the edit form starts from. */
export async function entityAsInput(db: DbOrTx, id: number): Promise<(EntityInput & { version: number }) | null> {
  const entity = await db.entity.findUnique({
    where: { id },
    select: {
      type: true,
      description: true,
      datesText: true,
      latitude: true,
      longitude: true,
      version: true,
      mergedIntoId: true,
      names: { orderBy: [{ isPreferred: "desc" }, { id: "asc" }], select: { name: true, language: true, romanization: true, isPreferred: true } },
      identifiers: { orderBy: { scheme: "asc" }, select: { scheme: true, value: true } },
    },
  });
  if (!entity || entity.mergedIntoId !== null) return null;
  return {
    type: entity.type,
    description: entity.description,
    datesText: entity.datesText,
    coordinates: entity.latitude !== null && entity.longitude !== null ? { latitude: entity.latitude, longitude: entity.longitude } : null,
    version: entity.version,
    names: entity.names.map((n) => ({
      name: n.name,
      language: n.language,
      ...(n.romanization ? { romanization: n.romanization as NonNullable<EntityInput["names"][number]["romanization"]> } : {}),
      preferred: n.isPreferred,
    })),
    identifiers: entity.identifiers.map((i) => ({ scheme: i.scheme as EntityInput["identifiers"][number]["scheme"], value: i.value })),
  };
}

/** Checks what a proposal refers to before it is stored or applied. */
export async function assertEntityProposal(tx: DbOrTx, content: EntityInput, entityId?: number) {
  entityFields(content); // throws on an unreadable date
  if (entityId !== undefined) await assertNamesInUseKept(tx, entityId, content.names.map((n) => n.name));
  if (content.identifiers.length) {
    const taken = await tx.entityIdentifier.findFirst({
      where: { OR: content.identifiers.map((i) => ({ scheme: i.scheme, value: i.value })), ...(entityId ? { entityId: { not: entityId } } : {}) },
      select: { scheme: true, value: true, entityId: true },
    });
    if (taken) throw badInput(`${taken.scheme} ${taken.value} already identifies entity ${taken.entityId}; merge the two instead.`, "identifiers");
  }
}

/**
 * A name that a document revision uses ("as written") stays a name of the entity: revisions are
 * history and never change, so removing it would rewrite them. It can stop being preferred.
 */
async function assertNamesInUseKept(tx: DbOrTx, entityId: number, keptNames: string[]) {
  const used = await tx.entityName.findMany({
    where: { entityId, name: { notIn: keptNames }, mentions: { some: {} } },
    select: { name: true, _count: { select: { mentions: true } } },
  });
  if (used.length === 0) return;
  const list = used.map((n) => `"${n.name}" (${n._count.mentions} mention${n._count.mentions === 1 ? "" : "s"})`).join(", ");
  throw badInput(`Documents name this entity as ${list}; a name they use cannot be removed, or their history would change. Keep it as a variant (it need not be preferred).`, "names");
}

/** Applies an approved entity proposal. Call inside the approval's transaction. */
export async function applyEntityChange(
  tx: DbOrTx,
  request: { entityId: number | null; baseEntityVersion: number | null; proposed: unknown; actorId: string },
): Promise<number> {
  const content = parseStored(entityInputSchema, request.proposed, "entity proposal");
  if (request.entityId === null) {
    await assertEntityProposal(tx, content);
    const created = await createEntity(tx, content);
    await recordAuditEvent(tx, { actorId: request.actorId, action: "entity.create", subjectType: "entity", subjectId: created.id });
    return created.id;
  }
  const id = request.entityId;
  const entity = await tx.entity.findUnique({ where: { id }, select: { version: true, mergedIntoId: true } });
  if (!entity) throw notFound(`Entity ${id}`);
  if (entity.mergedIntoId !== null) throw conflict(`Entity ${id} was merged into entity ${entity.mergedIntoId}; propose the change there.`);
  if (request.baseEntityVersion !== null && entity.version !== request.baseEntityVersion) {
    throw conflict(`Entity ${id} was changed since this proposal was made. Send it back so that its author starts from the current version.`);
  }
  await assertEntityProposal(tx, content, id);
  const moved = await tx.entity.updateMany({
    where: { id, version: entity.version },
    data: { type: content.type, ...entityFields(content), version: { increment: 1 } },
  });
  if (moved.count !== 1) throw conflict(`Entity ${id} was changed by someone else at the same moment.`);

  // Names: keep rows whose name stays (mentions point at them), drop the others, add new ones.
  // The preferred flag moves last, so the one-preferred-name index holds at every step.
  const existing = await tx.entityName.findMany({ where: { entityId: id }, select: { id: true, name: true } });
  const wanted = new Map(content.names.map((n) => [n.name, n]));
  await tx.entityName.updateMany({ where: { entityId: id }, data: { isPreferred: false } });
  await tx.entityName.deleteMany({ where: { entityId: id, name: { notIn: [...wanted.keys()] } } });
  const kept = new Set(existing.map((n) => n.name));
  for (const n of content.names) {
    const data = { language: n.language, romanization: n.romanization ?? null, normalized: normalizeName(n.name) };
    if (kept.has(n.name)) await tx.entityName.updateMany({ where: { entityId: id, name: n.name }, data });
    else await tx.entityName.create({ data: { entityId: id, name: n.name, ...data } });
  }
  const preferred = content.names.find((n) => n.preferred)!;
  await tx.entityName.updateMany({ where: { entityId: id, name: preferred.name }, data: { isPreferred: true } });

  await tx.entityIdentifier.deleteMany({ where: { entityId: id } });
  if (content.identifiers.length) await tx.entityIdentifier.createMany({ data: content.identifiers.map((i) => ({ entityId: id, ...i })) });

  await recordAuditEvent(tx, {
    actorId: request.actorId,
    action: "entity.update",
    subjectType: "entity",
    subjectId: id,
    payload: { names: content.names.map((n) => n.name) } as Prisma.InputJsonValue,
  });
  // Names are in every search document that mentions the entity: re-index them all.
  await enqueueEntitySync(tx, [id]);
  return id;
}

const KIND_LABELS: Record<EntityInput["type"], string> = { person: "Person", organization: "Organization", place: "Place", subject: "Subject" };

/** "39.0392° N, 125.7625° E". */
export function formatCoordinates(c: { latitude: number; longitude: number }) {
  return `${Math.abs(c.latitude).toFixed(4)}° ${c.latitude >= 0 ? "N" : "S"}, ${Math.abs(c.longitude).toFixed(4)}° ${c.longitude >= 0 ? "E" : "W"}`;
}

const describeName = (n: EntityInput["names"][number]) =>
  `${n.name}${[n.language, n.romanization?.replace(/_/g, "-"), n.preferred ? "preferred" : ""].filter(Boolean).length ? ` (${[n.language, n.romanization?.replace(/_/g, "-"), n.preferred ? "preferred" : ""].filter(Boolean).join(", ")})` : ""}`;

/** The changed fields of an entity proposal, in the shape the review page shows. */
export function diffEntity(before: EntityInput | null, after: EntityInput): ContentDiff {
  const fields: FieldDiff[] = [];
  const list = (field: string, label: string, a: string[], b: string[]) => {
    const added = b.filter((x) => !a.includes(x));
    const removed = a.filter((x) => !b.includes(x));
    if (added.length || removed.length) fields.push({ field, label, kind: "list", added, removed });
  };
  if (!before || before.type !== after.type) fields.push({ field: "type", label: "Kind", kind: "value", before: before ? KIND_LABELS[before.type] : "—", after: KIND_LABELS[after.type] });
  list("names", "Names", (before?.names ?? []).map(describeName), after.names.map(describeName));
  if ((before?.description ?? "") !== after.description) {
    fields.push({ field: "description", label: "Description", kind: "value", before: before?.description || "—", after: after.description || "—" });
  }
  if ((before?.datesText ?? "") !== after.datesText) fields.push({ field: "datesText", label: "Dates", kind: "value", before: before?.datesText || "—", after: after.datesText || "—" });
  const where = (e: EntityInput | null) => (e?.coordinates ? formatCoordinates(e.coordinates) : "—");
  if (where(before) !== where(after)) fields.push({ field: "coordinates", label: "Coordinates", kind: "value", before: where(before), after: where(after) });
  list("identifiers", "Identifiers", (before?.identifiers ?? []).map((i) => `${i.scheme} ${i.value}`), after.identifiers.map((i) => `${i.scheme} ${i.value}`));
  return { fields, fieldsChanged: fields.length, wordsAdded: 0, wordsRemoved: 0 };
}
