import { normalizeName } from "./entities/names";

/** A readable URL tail: "Telegram from Shtykov to Gromyko" -> "telegram-from-shtykov-to-gromyko". */
export function slugify(text: string, maxLength = 80): string {
  const slug = normalizeName(text).replace(/ /g, "-");
  return slug.length <= maxLength ? slug : slug.slice(0, maxLength).replace(/-[^-]*$/, "");
}

/** Percent-decoded text; text that is not validly encoded ("12-100%": route params arrive decoded) as it is. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** "12-some-title" -> 12; anything not starting with a positive integer -> null. */
export function idFromParam(param: string): number | null {
  const match = /^(\d{1,9})(?:-|$)/.exec(safeDecode(param));
  const id = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

export const recordPath = (r: { id: number; title: string }) => `/records/${r.id}-${slugify(r.title)}`;
export const entityPath = (e: { id: number; name: string }) => `/entities/${e.id}-${slugify(e.name)}`;
export const collectionPath = (c: { slug: string }) => `/collections/${c.slug}`;
