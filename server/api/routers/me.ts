import { signedInProcedure, router } from "../trpc";

export const meRouter = router({
  /** Signed in: who am I, as the database says now. */
  get: signedInProcedure.query(({ ctx }) => ctx.user),
});
