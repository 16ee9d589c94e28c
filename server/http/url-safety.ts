// The address of a page request, checked by the same text rules as tRPC input (safe-text.ts),
// in one place (proxy.ts) before any page or route handler reads it: a NUL in a query
// parameter, or a path that is not UTF-8 ("/collections/%FF"), is the visitor's mistake and gets
// a 400 page, never a server error.
import { textProblem } from "./safe-text";

/** Why this address cannot be read, or null. */
export function urlProblem(url: URL): string | null {
  for (const segment of url.pathname.split("/")) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return "The address contains characters that are not valid UTF-8.";
    }
    const problem = textProblem(decoded);
    if (problem) return `The address ${problem}.`;
  }
  for (const [key, value] of url.searchParams) {
    const problem = textProblem(key) ?? textProblem(value);
    if (problem) return `A parameter of the address ${problem}.`;
  }
  return null;
}
