import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { coOccurringEntities, entityTimeline, getEntity, placesOnMap } from "../../entities/queries";
import { pagePublishedRecords } from "../../records/queries";
import { EntityType } from "../../generated/prisma/enums";
import { browseEntities, LETTERS, OTHER } from "../../entities/browse";
import { entityAsInput } from "../../entities/changes";
import { entityInputSchema } from "../../entities/entities";
import { matchEntityNames } from "../../entities/picker";
import { similarEntities } from "../../entities/duplicates";
import { listMergesInto, mergeProposalSchema, undoMerge } from "../../entities/merge";
import { proposeEntityChange, proposeEntityMerge } from "../../review/change-requests";
import { changeReasonSchema, optionalReasonSchema } from "../../review/reason";
import { editorProcedure, idInput, publicProcedure, recordsPageInput, reviewerProcedure, router } from "../trpc";

export const entitiesRouter = router({
  /** Public: an authority record with all its names and identifiers. */
  byId: publicProcedure.input(idInput).query(async ({ ctx, input }) => {
    const entity = await getEntity(ctx.db, input.id);
    if (!entity) throw new TRPCError({ code: "NOT_FOUND", message: `Entity ${input.id} does not exist.` });
    return entity;
  }),

  /** Public: the published records that mention an entity, by date, paginated. */
  records: publicProcedure
    .input(recordsPageInput.extend({ id: z.int32().positive() }))
    .query(({ ctx, input }) => pagePublishedRecords(ctx.db, { entityId: input.id }, input)),

  /** Public: the entity's published records per year, and the entities most often beside it. */
  context: publicProcedure.input(idInput).query(async ({ ctx, input }) => ({
    timeline: await entityTimeline(ctx.db, input.id),
    related: await coOccurringEntities(ctx.db, input.id),
  })),

  /** Editors (and up): entities whose names match as they type, for the record editor's picker. */
  pick: editorProcedure
    .input(z.object({ q: z.string().max(200), type: z.enum(EntityType).optional(), limit: z.int().min(1).max(25).default(10) }))
    .query(({ ctx, input }) => matchEntityNames(ctx.db, input.q, { type: input.type, limit: input.limit })),

  /** Public: of these entities, the places with coordinates (for the search results' map). */
  places: publicProcedure
    .input(z.object({ ids: z.array(z.int32().positive()).max(200) }))
    .query(({ ctx, input }) => placesOnMap(ctx.db, input.ids)),

  /** Editors (and up): existing entities close to the names of one being proposed ("same person?"). */
  similar: editorProcedure
    .input(z.object({ type: z.enum(EntityType), names: z.array(z.string().max(300)).max(20), excludeId: z.int32().positive().optional() }))
    .query(({ ctx, input }) => similarEntities(ctx.db, input)),

  /** Editors (and up): an entity as the edit form starts from it (with its version). */
  forEdit: editorProcedure.input(idInput).query(async ({ ctx, input }) => {
    const entity = await entityAsInput(ctx.db, input.id);
    if (!entity) throw new TRPCError({ code: "NOT_FOUND", message: `Entity ${input.id} does not exist or was merged.` });
    return entity;
  }),

  /** Editors (and up): propose a new entity or an edit of one, for review. */
  propose: editorProcedure
    .input(z.object({ entityId: z.int32().positive().optional(), content: entityInputSchema, message: changeReasonSchema }))
    .mutation(({ ctx, input }) => proposeEntityChange(ctx.db, { author: ctx.user, ...input })),

  /** Public: entities of one kind that published records mention, A-Z, filtered by any name. */
  browse: publicProcedure
    .input(
      z.object({
        type: z.enum(EntityType),
        letter: z.enum([OTHER, ...LETTERS]).optional(),
        q: z.string().max(200).optional(),
        page: z.int().min(1).max(10_000).default(1),
        pageSize: z.int().min(1).max(200).default(100),
      }),
    )
    .query(({ ctx, input }) => browseEntities(ctx.db, input)),

  /** Editors (and up): propose merging a duplicate (source) into the entity that stays (target). */
  proposeMerge: editorProcedure
    .input(mergeProposalSchema.extend({ message: optionalReasonSchema }))
    .mutation(({ ctx, input }) =>
      proposeEntityMerge(ctx.db, { author: ctx.user, proposal: { sourceId: input.sourceId, targetId: input.targetId }, message: input.message }),
    ),

  /** Public: the entities merged into this one (and not undone). */
  mergedFrom: publicProcedure.input(idInput).query(({ ctx, input }) => listMergesInto(ctx.db, input.id)),

  /** Reviewers and admins: undo an approved merge exactly. */
  undoMerge: reviewerProcedure
    .input(z.object({ requestId: z.int32().positive() }))
    .mutation(({ ctx, input }) => undoMerge(ctx.db, { actorId: ctx.user.id, requestId: input.requestId })),
});
