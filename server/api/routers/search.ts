import { z } from "zod";
import { getSearchEngine } from "../../search";
import { searchQuerySchema, searchWith } from "../../search/engine";
import { displayDate } from "../../dates/display";
import { suggest } from "../../search/suggest";
import { publicProcedure, router } from "../trpc";

export const searchRouter = router({
  /** Public: search the published archive (only published revisions are ever indexed). */
  query: publicProcedure.input(searchQuerySchema).query(async ({ input }) => {
    const result = await searchWith(getSearchEngine(), input);
    // Each hit's date as Dossier shows dates everywhere, for client components (the link picker).
    return { ...result, hits: result.hits.map((h) => ({ ...h, date: displayDate(h.dateText).text })) };
  }),

  /** Public: suggestions as the reader types: names in any spelling, and top titles. */
  suggest: publicProcedure
    .input(z.object({ q: z.string().max(100) }))
    .query(({ ctx, input }) => suggest(ctx.db, getSearchEngine(), input.q)),
});
