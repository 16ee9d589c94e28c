// Authority records: people, organizations, places and subjects with all their names.
import { z } from "zod";
import { parseImpreciseDate } from "../dates/imprecise-date";
import type { DbOrTx } from "../db";
import { badInput } from "../errors";
import { EntityType } from "../generated/prisma/enums";
import { oneLine } from "../http/safe-text";
import { normalizeName } from "./names";

export const ROMANIZATIONS = [
  "revised",
  "mccune_reischauer",
  "pinyin",
  "wade_giles",
  "bgn_pcgn",
  "loc",
  "iso_9",
  "conventional",
] as const;

export const entityNameSchema = z.object({
  name: z
    .string()
    .overwrite(oneLine)
    .min(1, "Enter a name")
    .max(300)
    .refine((n) => normalizeName(n).length > 0, "A name needs at least one letter or digit"),
  language: z.string().trim().max(35).default(""),
  romanization: z.enum(ROMANIZATIONS).optional(),
  preferred: z.boolean().default(false),
});

export const IDENTIFIER_SCHEMES = ["wikidata", "viaf", "lcnaf"] as const;

export const coordinatesSchema = z.object({
  latitude: z.number().min(-90, "A latitude is between -90 (south) and 90 (north)").max(90, "A latitude is between -90 (south) and 90 (north)"),
  longitude: z.number().min(-180, "A longitude is between -180 (west) and 180 (east)").max(180, "A longitude is between -180 (west) and 180 (east)"),
});

export const entityInputSchema = z
  .object({
    type: z.enum(EntityType),
    names: z.array(entityNameSchema).min(1, "An entity needs a name").max(200),
    description: z.string().trim().max(5_000).default(""),
    datesText: z.string().trim().max(100).default(""),
    identifiers: z.array(z.object({ scheme: z.enum(IDENTIFIER_SCHEMES), value: z.string().trim().min(1).max(100) })).max(20).default([]),
    /** Places only: a point in WGS 84 degrees (north and east positive). */
    coordinates: coordinatesSchema.nullable().default(null),
  })
  .superRefine((entity, ctx) => {
    if (entity.coordinates && entity.type !== "place") ctx.addIssue({ code: "custom", path: ["coordinates"], message: "Only a place has coordinates" });
    const preferred = entity.names.filter((n) => n.preferred).length;
    if (preferred !== 1) ctx.addIssue({ code: "custom", path: ["names"], message: "Mark exactly one name as preferred" });
    const seen = new Set<string>();
    entity.names.forEach((n, i) => {
      if (seen.has(n.name)) ctx.addIssue({ code: "custom", path: ["names", i, "name"], message: `"${n.name}" is listed twice` });
      seen.add(n.name);
    });
  });

export type EntityInput = z.output<typeof entityInputSchema>;

/** An entity's own fields as stored, its dates parsed (an unreadable date is the caller's mistake). */
export function entityFields(input: Pick<EntityInput, "description" | "datesText"> & { coordinates?: EntityInput["coordinates"] }) {
  let dates: ReturnType<typeof parseImpreciseDate> | undefined;
  if (input.datesText) {
    try {
      dates = parseImpreciseDate(input.datesText);
    } catch (error) {
      throw badInput((error as Error).message, "datesText");
    }
  }
  return {
    description: input.description,
    datesText: input.datesText,
    datesEdtf: dates?.edtf ?? null,
    dateEarliest: dates ? new Date(dates.earliest) : null,
    dateLatest: dates ? new Date(dates.latest) : null,
    latitude: input.coordinates?.latitude ?? null,
    longitude: input.coordinates?.longitude ?? null,
  };
}

export async function createEntity(tx: DbOrTx, input: Omit<EntityInput, "coordinates"> & { coordinates?: EntityInput["coordinates"] }) {
  return tx.entity.create({
    data: {
      type: input.type,
      ...entityFields(input),
      names: {
        create: input.names.map((n) => ({
          name: n.name,
          normalized: normalizeName(n.name),
          language: n.language,
          romanization: n.romanization ?? null,
          isPreferred: n.preferred,
        })),
      },
      identifiers: { create: input.identifiers },
    },
    include: { names: true },
  });
}
