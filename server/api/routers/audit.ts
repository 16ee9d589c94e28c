import { auditFilterSchema, listAuditEvents } from "../../audit/queries";
import { adminProcedure, router } from "../trpc";

export const auditRouter = router({
  /** Admins: the audit log, filtered, newest first. */
  list: adminProcedure.input(auditFilterSchema.default({ page: 1, pageSize: 50 })).query(({ ctx, input }) => listAuditEvents(ctx.db, input)),
});
