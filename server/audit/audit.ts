// The audit log: append-only rows written in the same transaction as the change they record.
import type { DbOrTx } from "../db";
import type { Prisma } from "../generated/prisma/client";

/** Every action the audit log knows. Validated here rather than as a database enum, so new
 * actions need no migration (Rallly's PollActivity does the same). */
export const AUDIT_ACTIONS = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_in_rate_limited",
  "auth.sso_linked",
  "user.password_reset_requested",
  "user.create",
  "user.role_change",
  "user.trust_change",
  "user.disable",
  "user.enable",
  "user.invite",
  "user.invitation_accepted",
  "user.password_reset_issued",
  "user.password_reset",
  "user.password_change",
  "user.password_change_failed",
  "change_request.create",
  "change_request.submit",
  "change_request.withdraw",
  "change_request.approve",
  "change_request.reject",
  "change_request.send_back",
  "record.publish",
  "record.withdraw",
  "record.restore",
  "record.revert",
  "entity.create",
  "entity.update",
  "entity.merge",
  "entity.unmerge",
  "entity.remove",
  "search.rebuild",
  "search.reconcile",
  "search.retry",
  "import.apply",
  "import.upload",
  "import.check",
  "import.submit",
  "import.approve",
  "import.reject",
  "import.discard",
  "import.publish",
  "import.undo",
  "import.undone",
  "import.fail",
  "seed.demo",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditInput {
  actorId?: string | null;
  action: AuditAction;
  subjectType?: string;
  subjectId?: string | number;
  payload?: Prisma.InputJsonValue;
  ip?: string | null;
}

export async function recordAuditEvent(db: DbOrTx, input: AuditInput) {
  await db.auditEvent.create({
    data: {
      actorId: input.actorId ?? null,
      action: input.action,
      subjectType: input.subjectType ?? null,
      subjectId: input.subjectId === undefined ? null : String(input.subjectId),
      payload: input.payload ?? {},
      ip: input.ip ?? null,
    },
  });
}
