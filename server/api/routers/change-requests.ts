import { z } from "zod";
import { recordContentSchema } from "../../records/content";
import { listMyChangeRequests, listReviewQueue, proposeRecordChange } from "../../review/change-requests";
import { editorProcedure, reviewerProcedure, router } from "../trpc";

export const changeRequestsRouter = router({
  /** Editors (and up): propose a new record or a change to one, for review. */
  propose: editorProcedure
    .input(
      z.object({
        recordId: z.int().positive().optional(),
        content: recordContentSchema,
        message: z.string().trim().max(2_000).default(""),
      }),
    )
    .mutation(({ ctx, input }) => proposeRecordChange(ctx.db, { authorId: ctx.user.id, ...input })),

  /** Editors (and up): their own change requests, newest first. */
  mine: editorProcedure.query(({ ctx }) => listMyChangeRequests(ctx.db, ctx.user.id)),

  /** Reviewers and admins: pending requests, oldest first. */
  queue: reviewerProcedure.query(({ ctx }) => listReviewQueue(ctx.db)),
});
