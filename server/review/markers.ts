// The marked suggestion of a text conflict (server/review/merge.ts), shared with the form that
// resolves it: no dependencies, so the browser bundle can check for markers too.

/**
 * Marker paragraphs around the two versions in a text conflict's suggestion, so whoever combines
 * them sees whose text is whose (issue 17, item 6). A resolution that still holds one is refused:
 * publishing both versions by accident would duplicate paragraphs.
 */
export const CONFLICT_MARKERS = {
  current: "⟦ From the current version: keep, edit or delete ⟧",
  proposed: "⟦ From the proposed change: keep, edit or delete ⟧",
  end: "⟦ End of the two versions: delete this line ⟧",
} as const;

/** The field values (of a resolution) that still contain a conflict marker. */
export function fieldsWithMarkers(values: Record<string, unknown>): string[] {
  return Object.entries(values).filter(([, v]) => typeof v === "string" && hasMarkers(v)).map(([k]) => k);
}

/** Whether a combined text still holds a marker line. */
export function hasMarkers(text: string): boolean {
  return Object.values(CONFLICT_MARKERS).some((m) => text.includes(m));
}
