// Reading imports: the list, one import with its report, its items a page at a time, one item's
// diff, and the report as CSV rows. Visibility is the same everywhere: the author, and reviewers
// and admins once the import was submitted (imports.ts, importVisibleTo).
import type { SessionUser } from "../auth/session-user";
import type { Db } from "../db";
import { formatCoordinates } from "../entities/changes";
import { notFound } from "../errors";
import type { ImportItemAction, ImportItemState, Prisma } from "../generated/prisma/client";
import { hasRole } from "../auth/roles";
import { revisionContentSelect, revisionToContent } from "../records/content";
import { diffContent, loadReferenceLabels } from "../review/diff";
import { parseStored } from "../review/stored";
import { dryRunSummary, importVisibleTo } from "./imports";
import { directId, itemContent, type Resolved, storedItemSchema } from "./item";
import type { ReferenceDetail } from "./references";
import type { Problem } from "./row";

type Viewer = Pick<SessionUser, "id" | "role">;

const listSelect = {
  id: true,
  format: true,
  fileName: true,
  fileSize: true,
  status: true,
  summary: true,
  createdAt: true,
  updatedAt: true,
  changeRequestId: true,
  author: { select: { id: true, name: true } },
} as const;

/** The viewer's own imports, and (reviewers, admins) every submitted one; newest first. */
export async function listImports(db: Db, viewer: Viewer) {
  const where: Prisma.ImportWhereInput = hasRole(viewer, "reviewer")
    ? { OR: [{ authorId: viewer.id }, { changeRequestId: { not: null } }], status: { notIn: ["discarded", "receiving"] } }
    : { authorId: viewer.id, status: { notIn: ["discarded", "receiving"] } };
  const rows = await db.import.findMany({ where, orderBy: { id: "desc" }, take: 100, select: listSelect });
  return rows.map(({ summary, ...row }) => ({ ...row, dryRun: dryRunSummary(summary) }));
}

/** Seconds left at the current pace of the running stage, or null when unknown. */
function eta(done: number, total: number | null, startedAt: Date | null) {
  if (!total || !startedAt || done <= 0 || done >= total) return null;
  const elapsed = (Date.now() - startedAt.getTime()) / 1000;
  return Math.max(1, Math.round((elapsed * (total - done)) / done));
}

/** One import: where it stands, its progress, its report's counts and references. */
export async function getImport(db: Db, viewer: Viewer, id: number) {
  const imp = await db.import.findUnique({
    where: { id },
    select: {
      ...listSelect,
      authorId: true,
      allOrNothing: true,
      mapping: true,
      error: true,
      progressDone: true,
      progressTotal: true,
      stageStartedAt: true,
      heartbeatAt: true,
      undoneAt: true,
      leftOut: true,
      changeRequest: { select: { id: true, state: true, version: true, reason: true, decidedAt: true, reviewer: { select: { id: true, name: true } } } },
    },
  });
  if (!imp || !importVisibleTo(imp, viewer)) throw notFound(`Import ${id}`);
  const [states, references] = await Promise.all([
    db.importItem.groupBy({ by: ["state", "action"], where: { importId: id }, _count: true }),
    db.importReference.findMany({
      where: { importId: id },
      orderBy: [{ uses: "desc" }, { label: "asc" }],
      take: 200,
      select: { key: true, kind: true, label: true, matchedId: true, matchedAs: true, ambiguous: true, createdId: true, uses: true, detail: true },
    }),
  ]);
  const summary = (imp.summary ?? {}) as Record<string, unknown>;
  return {
    ...imp,
    summary: undefined,
    dryRun: dryRunSummary(summary),
    published: (summary.published ?? null) as { published: number; conflicts: number; leftOut: number } | null,
    undo: (summary.undo ?? null) as import("./undo").UndoSummary | null,
    uploadedBefore: (summary.uploadedBefore ?? []) as { id: number; status: string; at: string }[],
    counts: states.map((s) => ({ state: s.state, action: s.action, count: s._count })),
    etaSeconds: eta(imp.progressDone, imp.progressTotal, imp.stageStartedAt),
    references: references.map(({ detail, ...r }) => {
      // A new place's point from the file, as people read coordinates.
      const point = r.matchedId === null ? (detail as unknown as ReferenceDetail).coordinates : undefined;
      return { ...r, coordinates: point ? formatCoordinates(point) : null };
    }),
    canDecide: hasRole(viewer, "reviewer") && imp.changeRequest?.state === "pending",
    canUndo: imp.status === "approved" && (imp.authorId === viewer.id || hasRole(viewer, "reviewer")),
  };
}

export const ITEM_FILTERS = ["all", "errors", "warnings", "create", "update", "unchanged", "published", "conflict", "kept", "left_out"] as const;
export type ItemFilter = (typeof ITEM_FILTERS)[number];

function itemWhere(id: number, filter: ItemFilter): Prisma.ImportItemWhereInput {
  const base = { importId: id };
  switch (filter) {
    case "errors":
      return { ...base, hasErrors: true };
    case "warnings":
      return { ...base, hasErrors: false, problems: { array_contains: [{ level: "warning" }] } };
    case "create":
    case "update":
    case "unchanged":
      return { ...base, action: filter as ImportItemAction, hasErrors: false };
    case "published":
    case "conflict":
    case "kept":
    case "left_out":
      return { ...base, state: filter as ImportItemState };
    default:
      return base;
  }
}

/** A page of an import's items, in file order. */
export async function listImportItems(db: Db, viewer: Viewer, input: { id: number; filter: ItemFilter; page: number; pageSize: number }) {
  const imp = await db.import.findUnique({ where: { id: input.id }, select: { authorId: true, changeRequestId: true } });
  if (!imp || !importVisibleTo(imp, viewer)) throw notFound(`Import ${input.id}`);
  const where = itemWhere(input.id, input.filter);
  const [total, items] = await Promise.all([
    db.importItem.count({ where }),
    db.importItem.findMany({
      where,
      orderBy: { seq: "asc" },
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: { seq: true, location: true, key: true, title: true, action: true, recordId: true, problems: true, hasErrors: true, state: true, conflictRequestId: true },
    }),
  ]);
  return { total, items: items.map((i) => ({ ...i, problems: i.problems as unknown as Problem[] })) };
}

/** One item: its problems and what it changes (against the record as the dry run saw it). */
export async function getImportItem(db: Db, viewer: Viewer, input: { id: number; seq: number }) {
  const imp = await db.import.findUnique({ where: { id: input.id }, select: { authorId: true, changeRequestId: true, fileName: true } });
  if (!imp || !importVisibleTo(imp, viewer)) throw notFound(`Import ${input.id}`);
  const item = await db.importItem.findUnique({ where: { importId_seq: { importId: input.id, seq: input.seq } } });
  if (!item) throw notFound(`Item ${input.seq} of import ${input.id}`);
  const problems = item.problems as unknown as Problem[];
  if (!item.proposed) return { ...item, proposed: undefined, problems, diff: null };
  const stored = parseStored(storedItemSchema, item.proposed, "import item");
  const refs = await db.importReference.findMany({ where: { importId: input.id, key: { in: [...stored.mentions.map((m) => m.ref), ...stored.collections] } } });
  const byKey = new Map(refs.map((r) => [r.key, r]));
  const newCollections = new Map<number, string>();
  const resolve = (ref: string): Resolved | undefined => {
    const direct = directId(ref);
    if (direct !== undefined) return { id: direct };
    const r = byKey.get(ref);
    if (!r) return undefined;
    const id = r.matchedId ?? r.createdId;
    if (id !== null) return { id };
    if (r.kind === "collection") {
      const placeholder = -(newCollections.size + 1);
      newCollections.set(placeholder, `${r.label} (new collection, created on approval)`);
      return { id: placeholder };
    }
    return { type: r.kind, label: r.label };
  };
  const proposed = itemContent(stored, resolve);
  const base = item.baseRevisionId
    ? revisionToContent(await db.recordRevision.findUniqueOrThrow({ where: { id: item.baseRevisionId }, select: revisionContentSelect }))
    : null;
  const labels = await loadReferenceLabels(db, [base, proposed]);
  for (const [id, label] of newCollections) labels.collections.set(id, label);
  return { ...item, proposed: undefined, problems, diff: diffContent(base, proposed, labels) };
}

/** The report as CSV rows: one per problem (or one per row without any), in file order. */
export async function* reportRows(db: Db, viewer: Viewer, id: number): AsyncGenerator<(string | number | null)[]> {
  const imp = await db.import.findUnique({ where: { id }, select: { authorId: true, changeRequestId: true } });
  if (!imp || !importVisibleTo(imp, viewer)) throw notFound(`Import ${id}`);
  for (let after = 0; ; ) {
    const items = await db.importItem.findMany({
      where: { importId: id, seq: { gt: after } },
      orderBy: { seq: "asc" },
      take: 1_000,
      select: { seq: true, location: true, key: true, title: true, action: true, recordId: true, state: true, problems: true },
    });
    if (!items.length) return;
    for (const item of items) {
      const problems = item.problems as unknown as Problem[];
      const base = [item.seq, item.location, item.key, item.title, item.action, item.recordId, item.state];
      if (!problems.length) yield [...base, "", "", ""];
      for (const p of problems) yield [...base, p.level, p.field ?? "", p.message];
    }
    after = items[items.length - 1]!.seq;
  }
}

export const REPORT_COLUMNS = ["item", "where", "identifier", "title", "action", "record", "state", "level", "field", "message"];
