import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { getEntity, getEntityRecords } from "../../entities/queries";
import { idInput, publicProcedure, router } from "../trpc";

export const entitiesRouter = router({
  /** Public: an authority record with all its names and identifiers. */
  byId: publicProcedure.input(idInput).query(async ({ ctx, input }) => {
    const entity = await getEntity(ctx.db, input.id);
    if (!entity) throw new TRPCError({ code: "NOT_FOUND", message: `Entity ${input.id} does not exist.` });
    return entity;
  }),

  /** Public: the published records that mention an entity, by date, paginated. */
  records: publicProcedure
    .input(
      z.object({
        id: z.int().positive(),
        sort: z.enum(["asc", "desc"]).default("asc"),
        page: z.int().min(1).max(100_000).default(1),
        pageSize: z.int().min(1).max(100).default(20),
      }),
    )
    .query(({ ctx, input }) => getEntityRecords(ctx.db, input.id, input)),
});
