export const DOCUMENT_TYPE_LABELS: Record<string, string> = {
  telegram: "Telegram",
  memorandum: "Memorandum",
  journal_entry: "Journal entry",
  letter: "Letter",
  report: "Report",
  minutes: "Minutes",
  conversation: "Conversation",
  speech: "Speech",
  agreement: "Agreement",
  other: "Document",
};

export const ENTITY_TYPE_LABELS: Record<string, { singular: string; plural: string }> = {
  person: { singular: "Person", plural: "People" },
  organization: { singular: "Organization", plural: "Organizations" },
  place: { singular: "Place", plural: "Places" },
  subject: { singular: "Subject", plural: "Subjects" },
};

/** Mentions by entity type, in the order a record's pages list them; empty types left out. */
export function byEntityType<T extends { type: string }>(mentions: T[]) {
  return (["person", "organization", "place", "subject"] as const)
    .map((type) => ({ type, items: mentions.filter((m) => m.type === type) }))
    .filter((group) => group.items.length > 0);
}

export const LANGUAGE_LABELS: Record<string, string> = {
  ru: "Russian", ko: "Korean", zh: "Chinese", en: "English", sq: "Albanian", cs: "Czech", hu: "Hungarian", de: "German", fr: "French",
};

export const languageLabel = (code: string) => LANGUAGE_LABELS[code.split("-")[0] ?? code] ?? code;

/** How a person or body stands to a document, on its page ("" for a plain mention). */
export const ROLE_LABELS: Record<string, string> = { author: "Author", recipient: "Recipient", mentioned: "" };

export const CREDIT_LABELS: Record<string, string> = {
  obtained_by: "Obtained by",
  translated_by: "Translated by",
  transcribed_by: "Transcribed by",
  edited_by: "Edited by",
  contributed_by: "Contributed by",
};
