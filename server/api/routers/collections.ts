import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { getCollectionBySlug, listCollections } from "../../collections/queries";
import { pagePublishedRecords } from "../../records/queries";
import { publicProcedure, recordsPageInput, router } from "../trpc";

export const collectionsRouter = router({
  /** Public: every collection with its number of published records. */
  list: publicProcedure.query(({ ctx }) => listCollections(ctx.db)),

  /** Public: one collection and a page of its published records. */
  bySlug: publicProcedure
    .input(recordsPageInput.extend({ slug: z.string().min(1).max(200) }))
    .query(async ({ ctx, input }) => {
      const collection = await getCollectionBySlug(ctx.db, input.slug);
      if (!collection) throw new TRPCError({ code: "NOT_FOUND", message: `There is no collection "${input.slug}".` });
      return { collection, records: await pagePublishedRecords(ctx.db, { collectionId: collection.id }, input) };
    }),
});
