import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { getEntity } from "../../entities/queries";
import { pagePublishedRecords } from "../../records/queries";
import { idInput, publicProcedure, recordsPageInput, router } from "../trpc";

export const entitiesRouter = router({
  /** Public: an authority record with all its names and identifiers. */
  byId: publicProcedure.input(idInput).query(async ({ ctx, input }) => {
    const entity = await getEntity(ctx.db, input.id);
    if (!entity) throw new TRPCError({ code: "NOT_FOUND", message: `Entity ${input.id} does not exist.` });
    return entity;
  }),

  /** Public: the published records that mention an entity, by date, paginated. */
  records: publicProcedure
    .input(recordsPageInput.extend({ id: z.int().positive() }))
    .query(({ ctx, input }) => pagePublishedRecords(ctx.db, { entityId: input.id }, input)),
});
