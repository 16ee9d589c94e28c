// Merging duplicate authority records, through review, and undoing a merge. Applying a merge
// moves every mention and name of the merged entity to the survivor and points the merged
// entity at it (its URL then answers 307). What moved is written down in the change request, so
// the merge can be undone exactly, from the survivor's page.
import { z } from "zod";
import { recordAuditEvent } from "../audit/audit";
import type { Db, DbOrTx } from "../db";
import { badInput, conflict, notFound } from "../errors";
import type { MentionRole, Prisma } from "../generated/prisma/client";
import { enqueueEntitySync } from "../search/outbox";
import { normalizeName } from "./names";

export const mergeProposalSchema = z.object({ sourceId: z.int32().positive(), targetId: z.int32().positive() });
export type MergeProposal = z.output<typeof mergeProposalSchema>;

/** What a merge changed, kept on the change request for the undo. */
interface MergeLedger {
  movedMentionIds: number[];
  /** Mentions dropped because the survivor was already mentioned the same way in that revision. */
  droppedMentions: { revisionId: number; role: MentionRole; nameId: number | null }[];
  movedNameIds: number[];
  /** The moved names themselves (ledgers written before this was kept lack it). */
  movedNames?: { id: number; name: string; language: string; romanization: string | null }[];
  /** The merged entity's names the survivor already had: mentions using them were repointed. */
  droppedNames: { name: string; language: string; romanization: string | null; repointedMentionIds: number[] }[];
  movedIdentifierIds: number[];
  /** The moved identifiers themselves (an edit of the survivor rewrites identifier rows). */
  movedIdentifiers?: { scheme: string; value: string }[];
  sourcePreferred: string;
}

/** Checks a proposed merge: two different, live entities of the same kind. */
export async function assertMergeable(tx: DbOrTx, { sourceId, targetId }: MergeProposal) {
  if (sourceId === targetId) throw badInput("An entity cannot be merged into itself.", "targetId");
  // One after the other: inside a transaction both go over the same connection.
  const source = await tx.entity.findUnique({ where: { id: sourceId }, select: { id: true, type: true, mergedIntoId: true } });
  const target = await tx.entity.findUnique({ where: { id: targetId }, select: { id: true, type: true, mergedIntoId: true } });
  if (!source) throw notFound(`Entity ${sourceId}`);
  if (!target) throw notFound(`Entity ${targetId}`);
  if (source.mergedIntoId !== null) throw conflict(`Entity ${sourceId} was already merged into entity ${source.mergedIntoId}.`);
  if (target.mergedIntoId !== null) {
    throw badInput(
      target.mergedIntoId === sourceId
        ? `Entity ${targetId} was merged into entity ${sourceId}; undo that merge instead.`
        : `Entity ${targetId} was merged into entity ${target.mergedIntoId}; merge into that one.`,
      "targetId",
    );
  }
  if (source.type !== target.type) throw badInput(`A ${source.type} cannot be merged into a ${target.type}.`, "targetId");
}

/** Applies an approved merge inside the approval's transaction; returns the ledger for the undo. */
export async function applyMerge(tx: DbOrTx, proposal: MergeProposal, actorId: string): Promise<MergeLedger> {
  await assertMergeable(tx, proposal);
  const { sourceId, targetId } = proposal;
  const ledger: MergeLedger = { movedMentionIds: [], droppedMentions: [], movedNameIds: [], movedNames: [], droppedNames: [], movedIdentifierIds: [], movedIdentifiers: [], sourcePreferred: "" };

  // Names first, so that mentions can be repointed to the survivor's copy of a shared name.
  const sourceNames = await tx.entityName.findMany({ where: { entityId: sourceId }, select: { id: true, name: true, language: true, romanization: true, isPreferred: true } });
  const targetNames = await tx.entityName.findMany({ where: { entityId: targetId }, select: { id: true, name: true } });
  ledger.sourcePreferred = sourceNames.find((n) => n.isPreferred)?.name ?? "";
  const targetByName = new Map(targetNames.map((n) => [n.name, n.id]));
  for (const n of sourceNames) {
    const existing = targetByName.get(n.name);
    if (existing === undefined) {
      await tx.entityName.update({ where: { id: n.id }, data: { entityId: targetId, isPreferred: false } });
      ledger.movedNameIds.push(n.id);
      ledger.movedNames!.push({ id: n.id, name: n.name, language: n.language, romanization: n.romanization });
    } else {
      const repointed = await tx.mention.findMany({ where: { nameId: n.id }, select: { id: true } });
      await tx.mention.updateMany({ where: { nameId: n.id }, data: { nameId: existing } });
      await tx.entityName.delete({ where: { id: n.id } });
      ledger.droppedNames.push({ name: n.name, language: n.language, romanization: n.romanization, repointedMentionIds: repointed.map((m) => m.id) });
    }
  }

  // Mentions: a revision that already mentions the survivor in the same role keeps that one.
  const mentions = await tx.mention.findMany({ where: { entityId: sourceId }, select: { id: true, revisionId: true, role: true, nameId: true } });
  const taken = new Set(
    (await tx.mention.findMany({ where: { entityId: targetId, revisionId: { in: mentions.map((m) => m.revisionId) } }, select: { revisionId: true, role: true } })).map(
      (m) => `${m.revisionId}:${m.role}`,
    ),
  );
  for (const m of mentions) {
    if (taken.has(`${m.revisionId}:${m.role}`)) {
      await tx.mention.delete({ where: { id: m.id } });
      ledger.droppedMentions.push({ revisionId: m.revisionId, role: m.role, nameId: m.nameId });
    } else ledger.movedMentionIds.push(m.id);
  }
  await tx.mention.updateMany({ where: { id: { in: ledger.movedMentionIds } }, data: { entityId: targetId } });

  const identifiers = await tx.entityIdentifier.findMany({ where: { entityId: sourceId }, select: { id: true, scheme: true, value: true } });
  ledger.movedIdentifierIds = identifiers.map((i) => i.id);
  ledger.movedIdentifiers = identifiers.map((i) => ({ scheme: i.scheme, value: i.value }));
  await tx.entityIdentifier.updateMany({ where: { entityId: sourceId }, data: { entityId: targetId } });

  await tx.entity.update({ where: { id: sourceId }, data: { mergedIntoId: targetId, version: { increment: 1 } } });
  await tx.entity.update({ where: { id: targetId }, data: { version: { increment: 1 } } });
  await recordAuditEvent(tx, { actorId, action: "entity.merge", subjectType: "entity", subjectId: sourceId, payload: { into: targetId } });
  await enqueueEntitySync(tx, [targetId]);
  return ledger;
}

/** Undoes an applied merge exactly as its ledger says (reviewers and admins). */
export async function undoMerge(db: Db, input: { actorId: string; requestId: number }) {
  return db.$transaction(async (tx) => {
    const request = await tx.changeRequest.findUnique({ where: { id: input.requestId }, select: { kind: true, state: true, proposed: true } });
    if (!request || request.kind !== "entity_merge") throw notFound(`Merge ${input.requestId}`);
    const proposed = request.proposed as unknown as MergeProposal & { ledger?: MergeLedger; undone?: boolean };
    if (request.state !== "approved" || !proposed.ledger) throw conflict("Only an approved merge can be undone.");
    if (proposed.undone) throw conflict("This merge was already undone.");
    const { sourceId, targetId, ledger } = proposed;
    const source = await tx.entity.findUnique({ where: { id: sourceId }, select: { mergedIntoId: true } });
    if (source?.mergedIntoId !== targetId) throw conflict(`Entity ${sourceId} is no longer merged into entity ${targetId}.`);

    // Exactly as it was, or not at all: what the survivor's edits since the merge changed is
    // checked first, and anything the undo could not put back refuses it with the reason.
    const plan = await planUndo(tx, sourceId, targetId, ledger);
    if (plan.problems.length) throw conflict(`This merge cannot be undone exactly: ${plan.problems.join("; ")}.`);

    await tx.entity.update({ where: { id: sourceId }, data: { mergedIntoId: null, version: { increment: 1 } } });
    await tx.entityName.updateMany({ where: { id: { in: plan.namesToMove } }, data: { entityId: sourceId } });
    for (const missing of plan.namesToRecreate) {
      await tx.entityName.create({ data: { entityId: sourceId, name: missing.name, normalized: normalizeName(missing.name), language: missing.language, romanization: missing.romanization } });
    }
    for (const dropped of ledger.droppedNames) {
      const name = await tx.entityName.create({
        data: { entityId: sourceId, name: dropped.name, normalized: normalizeName(dropped.name), language: dropped.language, romanization: dropped.romanization },
      });
      await tx.mention.updateMany({ where: { id: { in: dropped.repointedMentionIds } }, data: { nameId: name.id } });
    }
    await tx.entityName.updateMany({ where: { entityId: sourceId, name: ledger.sourcePreferred }, data: { isPreferred: true } });
    await tx.mention.updateMany({ where: { id: { in: ledger.movedMentionIds }, entityId: targetId }, data: { entityId: sourceId } });
    if (ledger.droppedMentions.length) {
      await tx.mention.createMany({ data: ledger.droppedMentions.map((m) => ({ ...m, entityId: sourceId })), skipDuplicates: true });
    }
    await tx.entityIdentifier.updateMany({ where: { entityId: targetId, OR: plan.identifiers }, data: { entityId: sourceId } });
    await tx.entity.update({ where: { id: targetId }, data: { version: { increment: 1 } } });
    await tx.changeRequest.update({ where: { id: input.requestId }, data: { proposed: { ...proposed, undone: true } as unknown as Prisma.InputJsonValue } });
    await recordAuditEvent(tx, { actorId: input.actorId, action: "entity.unmerge", subjectType: "entity", subjectId: sourceId, payload: { from: targetId } });
    await enqueueEntitySync(tx, [sourceId, targetId]);
    return { sourceId, targetId };
  });
}

/**
 * What undoing a merge must put back, and what stands in the way: a moved name the survivor now
 * prefers, or removed with no record of it (ledgers older than movedNames), a moved identifier
 * the survivor no longer has, a name the merged entity's own would collide with.
 */
async function planUndo(tx: DbOrTx, sourceId: number, targetId: number, ledger: MergeLedger) {
  const problems: string[] = [];
  const current = await tx.entityName.findMany({ where: { id: { in: ledger.movedNameIds } }, select: { id: true, name: true, entityId: true, isPreferred: true } });
  const byId = new Map(current.map((n) => [n.id, n]));
  const namesToMove: number[] = [];
  const namesToRecreate: NonNullable<MergeLedger["movedNames"]> = [];
  const known = new Map((ledger.movedNames ?? []).map((n) => [n.id, n]));
  for (const id of ledger.movedNameIds) {
    const name = byId.get(id);
    if (name && name.entityId === targetId) {
      if (name.isPreferred) problems.push(`"${name.name}" is now the preferred name of the entity it was merged into (make another name preferred there first)`);
      else namesToMove.push(id);
    } else if (name) problems.push(`the name "${name.name}" now belongs to entity ${name.entityId}`);
    else if (known.has(id)) namesToRecreate.push(known.get(id)!);
    else problems.push(`a name it brought (no. ${id}) was removed since, and this merge's record does not say which`);
  }
  // A name recreated on the merged entity must not be one the survivor still has.
  for (const n of namesToRecreate) {
    if (await tx.entityName.findFirst({ where: { entityId: sourceId, name: n.name }, select: { id: true } })) problems.push(`"${n.name}" exists twice`);
  }
  const identifiers = ledger.movedIdentifiers ?? [];
  if (identifiers.length) {
    const still = await tx.entityIdentifier.findMany({ where: { entityId: targetId, OR: identifiers }, select: { scheme: true, value: true } });
    const have = new Set(still.map((i) => `${i.scheme} ${i.value}`));
    for (const i of identifiers) if (!have.has(`${i.scheme} ${i.value}`)) problems.push(`the identifier ${i.scheme} ${i.value} was removed from the entity it was merged into`);
  } else if (ledger.movedIdentifierIds.length) {
    const still = await tx.entityIdentifier.count({ where: { id: { in: ledger.movedIdentifierIds }, entityId: targetId } });
    if (still !== ledger.movedIdentifierIds.length) problems.push("an identifier it brought was removed since");
  }
  const remaining = namesToMove.length + namesToRecreate.length + ledger.droppedNames.length;
  if (problems.length === 0 && remaining === 0) problems.push("it would have no name left");
  return { problems, namesToMove, namesToRecreate, identifiers: identifiers.length ? identifiers : [{ id: { in: ledger.movedIdentifierIds } }] };
}

/** Merges into this entity that were approved and not undone: for the survivor's page. */
export async function listMergesInto(db: DbOrTx, targetId: number) {
  const rows = await db.changeRequest.findMany({
    where: { kind: "entity_merge", state: "approved", proposed: { path: ["targetId"], equals: targetId } },
    orderBy: { decidedAt: "desc" },
    select: { id: true, decidedAt: true, proposed: true },
  });
  return rows
    .map((r) => ({ id: r.id, decidedAt: r.decidedAt, ...(r.proposed as unknown as MergeProposal & { undone?: boolean; ledger?: MergeLedger }) }))
    .filter((r) => !r.undone)
    .map((r) => ({ requestId: r.id, decidedAt: r.decidedAt, sourceId: r.sourceId, sourceName: r.ledger?.sourcePreferred ?? `Entity ${r.sourceId}` }));
}
