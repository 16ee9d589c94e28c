/**
 * The matching form of a name: Unicode-decomposed, accents and apostrophes dropped, lower case,
 * punctuation as spaces. "Ch'oe Yong-gŏn" -> "choe yong gon"; Hangul and Han pass unchanged.
 */
export function normalizeName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/['’ʼʻ‘`]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .normalize("NFC");
}
