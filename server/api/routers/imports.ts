import { z } from "zod";
import { approveImport, csvMappingStep, discardImport, rejectImport, startDryRun, submitImport, undoImport } from "../../imports/imports";
import { csvMappingSchema, DELIMITERS, type Delimiter } from "../../imports/mapping";
import { ENCODINGS } from "../../imports/formats/decode";
import { getImport, getImportItem, ITEM_FILTERS, listImportItems, listImports } from "../../imports/queries";
import { optionalReasonSchema } from "../../review/reason";
import { editorProcedure, idInput, reviewerProcedure, router } from "../trpc";

const versioned = idInput.extend({ expectedVersion: z.int32().positive() });

export const importsRouter = router({
  /** Editors (and up): their imports; reviewers and admins also every submitted one. */
  list: editorProcedure.query(({ ctx }) => listImports(ctx.db, ctx.user)),

  /** Editors (and up): one import they may see, with its report's counts and progress. */
  byId: editorProcedure.input(idInput).query(({ ctx, input }) => getImport(ctx.db, ctx.user, input.id)),

  /** Editors (and up): a page of an import's items, filtered. */
  items: editorProcedure
    .input(idInput.extend({ filter: z.enum(ITEM_FILTERS).default("all"), page: z.int().min(1).max(100_000).default(1), pageSize: z.int().min(1).max(200).default(50) }))
    .query(({ ctx, input }) => listImportItems(ctx.db, ctx.user, input)),

  /** Editors (and up): one item with its problems and what it would change. */
  item: editorProcedure.input(idInput.extend({ seq: z.int32().positive() })).query(({ ctx, input }) => getImportItem(ctx.db, ctx.user, input)),

  /** The author: a CSV's headers, first rows, and suggested or saved mappings. */
  mappingStep: editorProcedure
    .input(idInput.extend({ encoding: z.enum(ENCODINGS).optional(), delimiter: z.enum(Object.keys(DELIMITERS) as [Delimiter, ...Delimiter[]]).optional() }))
    .query(({ ctx, input }) => csvMappingStep(ctx.db, ctx.user, input.id, input)),

  /** The author: run (or run again) the dry run, with a CSV's mapping, optionally saved by name. */
  check: editorProcedure
    .input(idInput.extend({ mapping: csvMappingSchema.optional(), saveMappingAs: z.string().trim().min(1).max(100).optional(), allOrNothing: z.boolean().optional() }))
    .mutation(({ ctx, input }) => startDryRun(ctx.db, { author: ctx.user, ...input })),

  /** The author: submit a checked import for review as one change set. */
  submit: editorProcedure
    .input(idInput.extend({ message: optionalReasonSchema, allOrNothing: z.boolean().optional() }))
    .mutation(({ ctx, input }) => submitImport(ctx.db, { author: ctx.user, ...input })),

  /** The author: drop an import before review. */
  discard: editorProcedure.input(idInput).mutation(({ ctx, input }) => discardImport(ctx.db, { author: ctx.user, id: input.id })),

  /** Reviewers and admins: approve all of an import, or all but the items left out. */
  approve: reviewerProcedure
    .input(versioned.extend({ leaveOut: z.array(z.int32().positive()).max(100_000).default([]) }))
    .mutation(({ ctx, input }) => approveImport(ctx.db, { reviewer: ctx.user, ...input })),

  /** Reviewers and admins: reject an import with a reason for its author. */
  reject: reviewerProcedure
    .input(versioned.extend({ reason: z.string().trim().min(1, "Write a reason").max(5_000) }))
    .mutation(({ ctx, input }) => rejectImport(ctx.db, { reviewer: ctx.user, ...input })),

  /** The author, reviewers and admins: undo a published import (checked in the domain). */
  undo: editorProcedure.input(idInput).mutation(({ ctx, input }) => undoImport(ctx.db, { actor: ctx.user, id: input.id })),
});
