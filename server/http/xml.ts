// Writing XML text safely: every value escaped, and any character XML 1.0 cannot carry
// (control characters, lone surrogates, U+FFFE/U+FFFF) dropped, so a response always parses.

const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(value: string): string {
  return value.replace(NOT_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** An element with attributes and escaped text, or nothing when the text is empty. */
export function element(name: string, text: string | null | undefined, attributes: Record<string, string | undefined> = {}): string {
  if (text === null || text === undefined || text === "") return "";
  return `<${name}${attrs(attributes)}>${escapeXml(text)}</${name}>`;
}

/** An element around already written children (never empty text). */
export function wrap(name: string, children: string, attributes: Record<string, string | undefined> = {}): string {
  return `<${name}${attrs(attributes)}>${children}</${name}>`;
}

export function attrs(attributes: Record<string, string | undefined>): string {
  return Object.entries(attributes)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(v!)}"`)
    .join("");
}
