import { z } from "zod";
import { getSearchEngine } from "../../search";
import { searchQuerySchema, searchWith } from "../../search/engine";
import { suggest } from "../../search/suggest";
import { publicProcedure, router } from "../trpc";

export const searchRouter = router({
  /** Public: search the published archive (only published revisions are ever indexed). */
  query: publicProcedure.input(searchQuerySchema).query(({ input }) => searchWith(getSearchEngine(), input)),

  /** Public: suggestions as the reader types: names in any spelling, and top titles. */
  suggest: publicProcedure
    .input(z.object({ q: z.string().max(100) }))
    .query(({ ctx, input }) => suggest(ctx.db, getSearchEngine(), input.q)),
});
