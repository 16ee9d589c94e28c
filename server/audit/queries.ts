// The audit log as admins read it: filter by actor, action, subject and time; newest first;
// exportable as CSV (server/http/csv.ts).
import { toCsv } from "../http/csv";
import { z } from "zod";
import type { DbOrTx } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { AUDIT_ACTIONS } from "./audit";

export const auditFilterSchema = z.object({
  /** Part of the actor's email or name. */
  actor: z.string().trim().max(200).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  subjectType: z.string().trim().max(50).optional(),
  subjectId: z.string().trim().max(100).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  page: z.int().min(1).max(100_000).default(1),
  pageSize: z.int().min(1).max(200).default(50),
});

export type AuditFilter = z.output<typeof auditFilterSchema>;

function where(filter: AuditFilter): Prisma.AuditEventWhereInput {
  const until = filter.to ? new Date(Date.parse(filter.to) + 86_400_000) : undefined;
  return {
    ...(filter.actor
      ? { actor: { is: { OR: [{ email: { contains: filter.actor, mode: "insensitive" } }, { name: { contains: filter.actor, mode: "insensitive" } }] } } }
      : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.subjectType ? { subjectType: filter.subjectType } : {}),
    ...(filter.subjectId ? { subjectId: filter.subjectId } : {}),
    ...(filter.from || until ? { createdAt: { ...(filter.from ? { gte: new Date(filter.from) } : {}), ...(until ? { lt: until } : {}) } } : {}),
  };
}

const select = {
  id: true,
  action: true,
  subjectType: true,
  subjectId: true,
  payload: true,
  ip: true,
  createdAt: true,
  actor: { select: { email: true, name: true } },
} as const;

export async function listAuditEvents(db: DbOrTx, filter: AuditFilter) {
  const [events, total] = await Promise.all([
    db.auditEvent.findMany({ where: where(filter), orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (filter.page - 1) * filter.pageSize, take: filter.pageSize, select }),
    db.auditEvent.count({ where: where(filter) }),
  ]);
  // Accounts are named by their email, not their internal id.
  const userIds = [...new Set(events.filter((e) => e.subjectType === "user" && e.subjectId).map((e) => e.subjectId!))];
  const users = userIds.length ? await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }) : [];
  const emailOf = new Map(users.map((u) => [u.id, u.email]));
  return {
    events: events.map((e) => ({ ...e, subjectName: e.subjectType === "user" && e.subjectId ? (emailOf.get(e.subjectId) ?? null) : null })),
    total,
    page: filter.page,
    pageSize: filter.pageSize,
  };
}

/** Every matching event as CSV (at most 100,000 rows, newest first). */
export async function auditEventsCsv(db: DbOrTx, filter: AuditFilter): Promise<string> {
  const rows = await db.auditEvent.findMany({ where: where(filter), orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 100_000, select });
  return toCsv(
    ["time", "actor", "action", "subject_type", "subject_id", "ip", "details"],
    rows.map((e) => [e.createdAt.toISOString(), e.actor?.email, e.action, e.subjectType, e.subjectId, e.ip, JSON.stringify(e.payload)]),
  );
}
