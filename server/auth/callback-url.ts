// Where to go after signing in: a path on this site, never another host.

/** An origin that is never real: the callback is resolved against it as a browser would resolve it against ours. */
const SELF = "https://dossier.invalid";

/**
 * The callback as a same-origin path, or `fallback`. The value is resolved with the URL parser,
 * as a browser resolves a Location header: it drops tabs and newlines ("/\t/evil" is "//evil"),
 * reads "\" as "/", and so on; anything that lands on another origin, or a path a browser
 * would read as another host ("//evil", from "/.//evil"), is refused. The path returned is the
 * parser's own (percent-encoded ASCII), safe in a header.
 */
export function safeCallbackUrl(value: unknown, fallback = "/desk"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.length > 2048) return fallback;
  let url: URL;
  try {
    url = new URL(value, SELF);
  } catch {
    return fallback;
  }
  if (url.origin !== SELF || url.username || url.password) return fallback;
  if (/^[/\\]{2}/.test(url.pathname)) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
