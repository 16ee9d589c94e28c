import { z } from "zod";
import { getSearchEngine } from "../../search";
import { getSyncStatus, reconcileNow, retryFailedSync, startRebuild } from "../../search/status";
import { adminProcedure, router } from "../trpc";

export const searchAdminRouter = router({
  /** Admins: outbox depth and age, failures, last reconcile, engine health, rebuild progress. */
  status: adminProcedure.query(({ ctx }) => getSyncStatus(ctx.db, getSearchEngine())),

  /** Admins: retry failed outbox rows now (all, or the given ones). */
  retry: adminProcedure
    .input(z.object({ ids: z.array(z.int32().positive()).max(1000).optional() }).default({}))
    .mutation(({ ctx, input }) => retryFailedSync(ctx.db, ctx.user.id, input.ids)),

  /** Admins: compare the index with the database now and queue repairs. */
  reconcile: adminProcedure.mutation(({ ctx }) => reconcileNow(ctx.db, getSearchEngine(), ctx.user.id)),

  /** Admins: rebuild the whole index in the background; progress shows in status. */
  rebuild: adminProcedure.mutation(({ ctx }) => startRebuild(ctx.db, getSearchEngine(), ctx.user.id)),
});
