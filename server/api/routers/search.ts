import { getSearchEngine } from "../../search";
import { searchQuerySchema } from "../../search/engine";
import { publicProcedure, router } from "../trpc";

export const searchRouter = router({
  /** Public: search the published archive (only published revisions are ever indexed). */
  query: publicProcedure.input(searchQuerySchema).query(({ input }) => getSearchEngine().search(input)),
});
