// The validated environment. Imported by next.config.ts, so a missing or malformed variable
// stops `next build` and `next start`, not a request in production. Documented in .env.example.
import { z } from "zod";

const isProduction = process.env.NODE_ENV === "production";
/** next build runs with NODE_ENV=production but without the runtime secrets of a deployment. */
const isBuild = process.env.NEXT_PHASE === "phase-production-build";

const DEV_SECRET = "dossier-development-secret-not-for-production-use";

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: isBuild
    ? z.string().optional()
    : z.string({ error: "DATABASE_URL is required (npm run dev starts an embedded database for you)" })
        .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL"),
  AUTH_SECRET:
    isProduction && !isBuild
      ? z.string({ error: "AUTH_SECRET is required in production (openssl rand -base64 32)" })
          .min(32, "AUTH_SECRET must be at least 32 characters")
      : z.string().min(32).default(DEV_SECRET),
  /** Public base URL, used for absolute links (citations, OAI-PMH, sitemaps). */
  APP_URL: z.url().default("http://localhost:3000"),
  /** Meilisearch: when set, public search uses it; otherwise PostgreSQL full-text search. */
  MEILI_URL: z.url().optional(),
  MEILI_MASTER_KEY: z.string().optional(),
  /** Seeds the demo archive and demo accounts (development only; never in production). */
  DOSSIER_DEMO: z.enum(["0", "1"]).optional(),
});

const parsed = schema.safeParse(process.env);
if (!parsed.success) {
  const lines = parsed.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
  throw new Error(`Invalid environment:\n${lines.join("\n")}\nSee .env.example.`);
}

export const env = parsed.data;
export type Env = typeof env;
