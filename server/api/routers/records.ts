import { z } from "zod";
import { hasRole } from "../../auth/roles";
import { citationOf } from "../../citations/cite";
import { env } from "../../env";
import { compareRevisions, getRevisionPermalink, listHistory } from "../../records/history";
import { restoreRecord, revertRecord, withdrawRecord } from "../../records/lifecycle";
import { getPublicRecord, listRecentRecords } from "../../records/queries";
import { optionalReasonSchema } from "../../review/reason";
import { adminProcedure, idInput, publicProcedure, reviewerProcedure, router } from "../trpc";

const revisionNumber = z.int32().positive().max(1_000_000);
const versioned = idInput.extend({ expectedVersion: z.int32().positive() });

export const recordsRouter = router({
  /** Public: recently published records for the home page. */
  recent: publicProcedure
    .input(z.object({ limit: z.int().min(1).max(50).default(10) }).default({ limit: 10 }))
    .query(({ ctx, input }) => listRecentRecords(ctx.db, input.limit)),

  /** Public: a record's published content, or why it is not public. */
  /** Public; a withdrawn record reads as gone, except to reviewers and admins. */
  byId: publicProcedure.input(idInput).query(({ ctx, input }) => getPublicRecord(ctx.db, input.id, hasRole(ctx.user, "reviewer"))),

  /** Public: approved revisions, newest first (withdrawn records: reviewers and admins only). */
  history: publicProcedure
    .input(idInput)
    .query(({ ctx, input }) => listHistory(ctx.db, input.id, hasRole(ctx.user, "reviewer"))),

  /** Public: one revision by number, the permalink citations use. */
  revision: publicProcedure
    .input(idInput.extend({ number: revisionNumber }))
    .query(({ ctx, input }) => getRevisionPermalink(ctx.db, input.id, input.number, hasRole(ctx.user, "reviewer"))),

  /** Public: how to cite a published record's revision (the published one unless `number` is given); withdrawn and unpublished records have none. */
  citation: publicProcedure
    .input(idInput.extend({ number: revisionNumber.optional() }))
    .query(({ ctx, input }) => citationOf(ctx.db, input.id, input.number ?? null, { baseUrl: env.APP_URL, archiveName: env.ARCHIVE_NAME, accessed: new Date() })),

  /** Public: the field-level diff between two revisions. */
  compare: publicProcedure
    .input(idInput.extend({ from: revisionNumber, to: revisionNumber }))
    .query(({ ctx, input }) => compareRevisions(ctx.db, input.id, input.from, input.to, hasRole(ctx.user, "reviewer"))),

  /** Reviewers and admins: publish an earlier revision's content again, as a new revision. */
  revert: reviewerProcedure
    .input(versioned.extend({ toNumber: revisionNumber, message: optionalReasonSchema }))
    .mutation(({ ctx, input }) => revertRecord(ctx.db, { actorId: ctx.user.id, recordId: input.id, ...input })),

  /** Admins: take a record off public pages and search (kept, restorable). */
  withdraw: adminProcedure
    .input(versioned.extend({ reason: z.string().trim().min(1, "Give a reason for the withdrawal").max(2_000) }))
    .mutation(({ ctx, input }) => withdrawRecord(ctx.db, { actorId: ctx.user.id, recordId: input.id, ...input })),

  /** Admins: put a withdrawn record back. */
  restore: adminProcedure
    .input(versioned)
    .mutation(({ ctx, input }) => restoreRecord(ctx.db, { actorId: ctx.user.id, recordId: input.id, expectedVersion: input.expectedVersion })),
});
