import { z } from "zod";
import { getPublicRecord, listRecentRecords } from "../../records/queries";
import { idInput, publicProcedure, router } from "../trpc";

export const recordsRouter = router({
  /** Public: recently published records for the home page. */
  recent: publicProcedure
    .input(z.object({ limit: z.int().min(1).max(50).default(10) }).default({ limit: 10 }))
    .query(({ ctx, input }) => listRecentRecords(ctx.db, input.limit)),

  /** Public: a record's published content, or why it is not public. */
  byId: publicProcedure.input(idInput).query(({ ctx, input }) => getPublicRecord(ctx.db, input.id)),
});
