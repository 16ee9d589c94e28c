// The environment's schema, without side effects, so next.config.ts can validate at build and
// start: a missing or malformed variable stops the server, not a request. See .env.example.
import { z } from "zod";

/** next build runs with NODE_ENV=production but without the runtime secrets of a deployment. */
const BUILD_PHASE = "phase-production-build";

const DEV_SECRET = "dossier-development-secret-not-for-production-use";

function envSchema({ production, build }: { production: boolean; build: boolean }) {
  return z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: build
    ? z.string().optional()
    : z.string({ error: "DATABASE_URL is required (npm run dev starts an embedded database for you)" })
        .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL"),
  /** Database connections per process (default: twice the machine's cores, at least 4). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1, "DATABASE_POOL_SIZE must be at least 1").max(200).optional(),
  AUTH_SECRET:
    production && !build
      ? z.string({ error: "AUTH_SECRET is required in production (openssl rand -base64 32)" })
          .min(32, "AUTH_SECRET must be at least 32 characters")
      : z.string().min(32).default(DEV_SECRET),
  /** Public base URL, used for absolute links (citations, OAI-PMH, sitemaps). */
  APP_URL: z.url().default("http://localhost:3000"),
  /** The archive's public name: citations name it as publisher, OAI-PMH as the repository, feeds as their author. */
  ARCHIVE_NAME: z.string().trim().min(1).max(200).default("Dossier"),
  /** The OAI-PMH provider's contact (its Identify response): set it in production. */
  OAI_ADMIN_EMAIL: z.string().regex(/^\S+@(\S+\.)+\S+$/, "OAI_ADMIN_EMAIL must be an e-mail address with a dotted domain").default("archive-admin@example.org"),
  /** Records per OAI-PMH ListRecords page (ListIdentifiers pages hold five times as many headers). */
  OAI_PAGE_SIZE: z.coerce.number().int().min(1).max(1_000).default(200),
  /**
   * Reverse proxies in front of the app that append the client's address to X-Forwarded-For
   * (a load balancer, nginx): 0 (the default) reads the address from the connection and ignores
   * the header, which any client can write.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** The largest file one import takes, in bytes (default 256 MiB; at most 1 GiB). */
  IMPORT_MAX_BYTES: z.coerce.number().int().min(1024).max(1024 * 1024 * 1024).default(256 * 1024 * 1024),
  /** Meilisearch: when set, public search uses it; otherwise PostgreSQL full-text search. */
  MEILI_URL: z.url().optional(),
  MEILI_MASTER_KEY: z.string().optional(),
  /** Seeds the demo archive and demo accounts (development only; never in production). */
  DOSSIER_DEMO: z.enum(["0", "1"]).optional(),
  /** Outgoing mail (invitations, password resets): smtp:// or smtps:// URL with credentials. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "SMTP_URL must be an smtp:// or smtps:// URL").optional(),
  /** The sender of that mail, e.g. "Dossier <archive@example.org>". */
  MAIL_FROM: z.string().min(3).default("Dossier <no-reply@localhost>"),
  /** Institutional sign-in through OpenID Connect: the provider's issuer URL and this client. */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The button's wording: "Sign in with <OIDC_NAME>". */
  OIDC_NAME: z.string().min(1).max(60).default("your institution"),
  /** The role a first-time institutional user gets; unset, they wait until an admin grants one. */
  OIDC_DEFAULT_ROLE: z.enum(["editor", "reviewer", "admin"]).optional(),
  }).superRefine((value, ctx) => {
    const oidc = [value.OIDC_ISSUER, value.OIDC_CLIENT_ID, value.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({ code: "custom", path: ["OIDC_ISSUER"], message: "OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together: set all three or none" });
    }
  });
}

/** Validates an environment; throws one readable error listing every problem. */
export function parseEnv(source: NodeJS.ProcessEnv, phase?: string) {
  const schema = envSchema({ production: source.NODE_ENV === "production", build: phase === BUILD_PHASE });
  // An empty variable (docker compose passes `${X:-}` through as "") means unset.
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(source).filter(([, value]) => value !== "")));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}\nSee .env.example.`);
  }
  return parsed.data;
}

