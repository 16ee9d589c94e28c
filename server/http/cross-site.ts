// Cross-site request refusal for state-changing requests (tRPC mutations and any other POST):
// the Origin must be this site's public origin, APP_URL (browsers always send it on cross-site POSTs), and the body must
// be JSON, which a cross-site HTML form or a "simple" text/plain request cannot send without a
// CORS preflight that we never grant. Sign-in has next-auth's own CSRF token on top.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function refuse(status: 403 | 415, message: string) {
  return Response.json({ error: { message, code: status === 403 ? "FORBIDDEN" : "UNSUPPORTED_MEDIA_TYPE" } }, { status });
}

function originOf(value: string): string | null {
  try {
    return value === "null" ? null : new URL(value).origin;
  } catch {
    return null;
  }
}

/**
 * A refusal for a cross-site or non-JSON state-changing request, or null to go on. A route that
 * takes a file names its body type instead (application/octet-stream: like JSON, not a type a
 * cross-site form or simple request can send).
 */
export function refuseCrossSite(req: Request, appUrl?: string, bodyType = "application/json"): Response | null {
  if (SAFE_METHODS.has(req.method)) return null;
  const origin = req.headers.get("origin");
  if (origin !== null) {
    // The whole origin (scheme, host and port) must be the site's public one, APP_URL: never
    // what the request's own Host or X-Forwarded-Host headers claim.
    if (!appUrl || originOf(origin) !== new URL(appUrl).origin) return refuse(403, "Cross-site requests are refused.");
  } else {
    const site = req.headers.get("sec-fetch-site");
    if (site && site !== "same-origin" && site !== "none") return refuse(403, "Cross-site requests are refused.");
  }
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== bodyType) return refuse(415, bodyType === "application/json" ? "Send the request body as JSON (content-type: application/json)." : `Send the file as the request body (content-type: ${bodyType}).`);
  return null;
}
