import type { LinkType } from "../generated/prisma/enums";

/** How a link reads on the record that made it, and on the record it points to. */
export const LINK_LABELS: Record<LinkType, { outgoing: string; incoming: string }> = {
  reply_to: { outgoing: "Reply to", incoming: "Replied to by" },
  enclosure_of: { outgoing: "Enclosure of", incoming: "Encloses" },
  translation_of: { outgoing: "Translation of", incoming: "Translated as" },
  related_to: { outgoing: "Related to", incoming: "Related to" },
  same_event: { outgoing: "Same event as", incoming: "Same event as" },
  continues: { outgoing: "Continues", incoming: "Continued by" },
};
