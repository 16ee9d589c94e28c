// Cross-site request refusal for state-changing requests (tRPC mutations and any other POST):
// the Origin must be this site (browsers always send it on cross-site POSTs), and the body must
// be JSON, which a cross-site HTML form or a "simple" text/plain request cannot send without a
// CORS preflight that we never grant. Sign-in has next-auth's own CSRF token on top.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function refuse(status: 403 | 415, message: string) {
  return Response.json({ error: { message, code: status === 403 ? "FORBIDDEN" : "UNSUPPORTED_MEDIA_TYPE" } }, { status });
}

/** The hosts this site answers as: the request's Host, a proxy's X-Forwarded-Host, APP_URL. */
function ownHosts(req: Request, appUrl: string | undefined) {
  const hosts = new Set<string>();
  const host = req.headers.get("host");
  if (host) hosts.add(host);
  const forwarded = req.headers.get("x-forwarded-host");
  if (forwarded) hosts.add(forwarded.split(",")[0]!.trim());
  if (appUrl) hosts.add(new URL(appUrl).host);
  return hosts;
}

/** A refusal for a cross-site or non-JSON state-changing request, or null to go on. */
export function refuseCrossSite(req: Request, appUrl?: string): Response | null {
  if (SAFE_METHODS.has(req.method)) return null;
  const origin = req.headers.get("origin");
  if (origin !== null) {
    let host: string | null = null;
    try {
      host = origin === "null" ? null : new URL(origin).host;
    } catch {
      host = null;
    }
    if (!host || !ownHosts(req, appUrl).has(host)) return refuse(403, "Cross-site requests are refused.");
  } else {
    const site = req.headers.get("sec-fetch-site");
    if (site && site !== "same-origin" && site !== "none") return refuse(403, "Cross-site requests are refused.");
  }
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") return refuse(415, "Send the request body as JSON (content-type: application/json).");
  return null;
}
