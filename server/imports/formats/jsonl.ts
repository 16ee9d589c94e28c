// JSON Lines in Dossier's own interchange shape (docs/import.md): one record per line, as the
// archive export writes it, so an export imports back without loss. Each line is parsed alone:
// a broken line is an error of that line, never of the file.
import { z } from "zod";
import { EntityType, LinkType, MentionRole } from "../../generated/prisma/enums";
import { fileCoordinates, type ImportRow, type Problem, type RowEntity } from "../row";
import { decodeText, lines } from "./decode";

const MAX_LINE_CHARS = 4_000_000;

const text = z.string().max(1_100_000);

/** One line of the interchange format. Unknown fields are ignored (a newer export, a note). */
export const recordLineSchema = z.looseObject({
  id: z.int32().positive().optional(),
  key: z.string().trim().max(300).optional(),
  /** The revision exported (informational: an import always proposes a new one). */
  revision: z.int().optional(),
  title: text.optional(),
  date: text.optional(),
  summary: text.optional(),
  fullText: text.optional(),
  originalLanguage: text.optional(),
  textLanguages: z.array(text).max(50).optional(),
  documentType: text.optional(),
  source: z.object({ archive: text.optional(), locator: text.optional() }).optional(),
  rights: text.optional(),
  credits: z.array(z.object({ role: text, name: text })).max(100).optional(),
  collections: z
    .array(z.object({ id: z.int32().positive().optional(), slug: text.optional(), title: text.optional(), description: text.optional() }))
    .max(100)
    .optional(),
  mentions: z
    .array(
      z.object({
        role: z.enum(MentionRole).default("mentioned"),
        /** The name under which the document names the entity (one of its names). */
        as: text.optional(),
        entity: z.object({
          id: z.int32().positive().optional(),
          type: z.enum(EntityType),
          name: text,
          names: z.array(text).max(200).optional(),
          description: text.optional(),
          /** A place's point (WGS 84 degrees); checked as the entity form checks it. */
          coordinates: z.object({ latitude: z.number(), longitude: z.number() }).nullable().optional(),
        }),
      }),
    )
    .max(2_000)
    .optional(),
  links: z.array(z.object({ type: z.enum(LinkType), record: z.int32().positive(), note: text.optional() })).max(500).optional(),
});

export type RecordLine = z.output<typeof recordLineSchema>;

function lineToRow(line: number, value: RecordLine): ImportRow {
  const problems: Problem[] = [];
  const entities = (value.mentions ?? []).map((m): RowEntity => {
    const located = m.entity.coordinates ? fileCoordinates(m.entity.type, m.entity.name, m.entity.coordinates) : {};
    if (located.problem) problems.push(located.problem);
    return {
      kind: m.entity.type,
      role: m.role,
      names: [m.entity.name, ...(m.entity.names ?? []).filter((n) => n !== m.entity.name)],
      id: m.entity.id,
      description: m.entity.description,
      ...(m.as ? { as: m.as } : {}),
      ...(located.coordinates ? { coordinates: located.coordinates } : {}),
    };
  });
  return {
    location: `line ${line}`,
    recordId: value.id,
    key: value.key || undefined,
    fields: {
      title: value.title,
      dateText: value.date,
      summary: value.summary,
      fullText: value.fullText,
      originalLanguage: value.originalLanguage,
      textLanguages: value.textLanguages,
      documentType: value.documentType,
      sourceArchive: value.source?.archive,
      sourceLocator: value.source?.locator,
      rights: value.rights,
      credits: value.credits,
    },
    entities,
    collections: (value.collections ?? []).map((c) => ({ id: c.id, slug: c.slug, title: c.title ?? c.slug ?? "", description: c.description })),
    links: (value.links ?? []).map((l) => ({ targetRecordId: l.record, type: l.type, note: l.note })),
    replaces: { mentions: value.mentions !== undefined, collections: value.collections !== undefined, links: value.links !== undefined },
    problems,
  };
}

function brokenLine(line: number, problems: Problem[]): ImportRow {
  return { location: `line ${line}`, fields: {}, entities: [], collections: [], links: [], problems };
}

/** Every non-blank line of a JSON Lines file as a row. */
export async function* readJsonLines(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<ImportRow> {
  const { text: decoded } = await decodeText(bytes, "utf-8");
  for await (const { line, text: raw } of lines(decoded, MAX_LINE_CHARS)) {
    if (!raw.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      yield brokenLine(line, [{ level: "error", message: `This line is not valid JSON (${(error as Error).message}).` }]);
      continue;
    }
    const parsed = recordLineSchema.safeParse(json);
    if (!parsed.success) {
      yield brokenLine(
        line,
        parsed.error.issues.slice(0, 5).map((issue) => ({ level: "error" as const, field: issue.path.join(".") || undefined, message: issue.message })),
      );
      continue;
    }
    yield lineToRow(line, parsed.data);
  }
}
