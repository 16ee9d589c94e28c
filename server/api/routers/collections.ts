import { listCollections } from "../../collections/queries";
import { publicProcedure, router } from "../trpc";

export const collectionsRouter = router({
  /** Public: every collection with its number of published records. */
  list: publicProcedure.query(({ ctx }) => listCollections(ctx.db)),
});
