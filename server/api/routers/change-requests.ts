import { z } from "zod";
import { CONTENT_FIELD_KEYS, draftContentSchema, recordContentSchema } from "../../records/content";
import {
  addComment,
  approveChangeRequest,
  approveMany,
  proposeRecordChange,
  rebaseDraft,
  rejectChangeRequest,
  saveDraft,
  sendBackChangeRequest,
  submitDraft,
  withdrawChangeRequest,
} from "../../review/change-requests";
import { startEdit } from "../../review/editing";
import { changeReasonSchema, optionalReasonSchema } from "../../review/reason";
import { getChangeRequest, listMyChangeRequests, listReviewQueue } from "../../review/queries";
import { editorProcedure, idInput, reviewerProcedure, router } from "../trpc";

const versioned = idInput.extend({ expectedVersion: z.int32().positive() });
const resolutionInput = z.object({ currentRevisionId: z.int32().positive(), values: z.partialRecord(z.enum(CONTENT_FIELD_KEYS), z.unknown()) });
const text = (what: string) => z.string().trim().min(1, `Write ${what}`).max(5_000, "At most 5000 characters");

export const changeRequestsRouter = router({
  /** Editors (and up): where to start editing a record — their open draft for it, or its current content. */
  startEdit: editorProcedure.input(z.object({ recordId: z.int32().positive() })).query(({ ctx, input }) => startEdit(ctx.db, ctx.user.id, input.recordId)),

  /** Editors (and up): save what they have typed (the first save creates the draft). */
  saveDraft: editorProcedure
    .input(
      z.object({
        id: z.int32().positive().optional(),
        expectedVersion: z.int32().positive().optional(),
        recordId: z.int32().positive().optional(),
        baseRevisionId: z.int32().positive().optional(),
        content: draftContentSchema,
        message: optionalReasonSchema,
      }),
    )
    .mutation(({ ctx, input }) => saveDraft(ctx.db, { authorId: ctx.user.id, ...input })),

  /** Editors (and up): submit their draft, or amend and resubmit a request sent back to them. */
  submit: editorProcedure
    .input(versioned.extend({ content: recordContentSchema, message: changeReasonSchema }))
    .mutation(({ ctx, input }) => submitDraft(ctx.db, { author: ctx.user, ...input })),

  /** Editors (and up): draft and submit in one step. */
  propose: editorProcedure
    .input(
      z.object({
        recordId: z.int32().positive().optional(),
        baseRevisionId: z.int32().positive().optional(),
        content: recordContentSchema,
        message: changeReasonSchema,
      }),
    )
    .mutation(({ ctx, input }) => proposeRecordChange(ctx.db, { author: ctx.user, ...input })),

  /** The author: bring their draft up to date with the record's current revision (three-way merge). */
  rebase: editorProcedure
    .input(versioned.extend({ resolution: resolutionInput.optional() }))
    .mutation(({ ctx, input }) => rebaseDraft(ctx.db, { authorId: ctx.user.id, ...input })),

  /** The author: withdraw their draft or request. */
  withdraw: editorProcedure.input(versioned).mutation(({ ctx, input }) => withdrawChangeRequest(ctx.db, { authorId: ctx.user.id, ...input })),

  /** The author or a reviewer: comment on a request. */
  comment: editorProcedure
    .input(idInput.extend({ body: text("a comment") }))
    .mutation(({ ctx, input }) => addComment(ctx.db, { user: ctx.user, ...input })),

  /** The author (editors) or any reviewer/admin: one request with its diff and rebase. */
  byId: editorProcedure.input(idInput).query(({ ctx, input }) => getChangeRequest(ctx.db, ctx.user, input.id)),

  /** Editors (and up): their own change requests, most recently changed first. */
  mine: editorProcedure.query(({ ctx }) => listMyChangeRequests(ctx.db, ctx.user.id)),

  /** Reviewers and admins: pending requests, oldest first, with filters. */
  queue: reviewerProcedure
    .input(
      z
        .object({
          authorId: z.string().min(1).max(100).optional(),
          collectionId: z.int32().positive().optional(),
          minAgeDays: z.int().min(0).max(3650).optional(),
          page: z.int().min(1).max(10_000).default(1),
          pageSize: z.int().min(1).max(100).default(50),
        })
        .default({ page: 1, pageSize: 50 }),
    )
    .query(({ ctx, input }) => listReviewQueue(ctx.db, input)),

  /** Reviewers and admins: approve and publish (with a resolution when the rebase conflicts). */
  approve: reviewerProcedure
    .input(
      versioned.extend({
        resolution: resolutionInput.optional(),
      }),
    )
    .mutation(({ ctx, input }) => approveChangeRequest(ctx.db, { reviewer: ctx.user, ...input })),

  /** Reviewers and admins: approve several at once; each succeeds or fails on its own. */
  approveMany: reviewerProcedure
    .input(z.object({ items: z.array(versioned).min(1, "Choose at least one request").max(100) }))
    .mutation(({ ctx, input }) => approveMany(ctx.db, { reviewer: ctx.user, items: input.items })),

  /** Reviewers and admins: reject with a reason the author will read. */
  reject: reviewerProcedure
    .input(versioned.extend({ reason: text("a reason") }))
    .mutation(({ ctx, input }) => rejectChangeRequest(ctx.db, { reviewer: ctx.user, ...input })),

  /** Reviewers and admins: send back to the author with comments, to amend and resubmit. */
  sendBack: reviewerProcedure
    .input(versioned.extend({ comment: text("what should change") }))
    .mutation(({ ctx, input }) => sendBackChangeRequest(ctx.db, { reviewer: ctx.user, ...input })),
});
