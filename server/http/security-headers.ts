// The Content-Security-Policy for pages: scripts only with this response's nonce (Next adds it
// to its own scripts when it finds the policy on the request) and what they load
// ('strict-dynamic'); no plugins, no framing, no foreign form targets or base URLs. Styles allow
// inline style attributes (React's style={...}); there are no inline <style> sheets to inject.
export function contentSecurityPolicy(nonce: string, development: boolean) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** A fresh, unguessable nonce per response. */
export function newNonce() {
  return btoa(crypto.randomUUID());
}
