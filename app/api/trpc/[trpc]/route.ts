import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { MAX_BATCH } from "@/server/api/limits";
import { appRouter } from "@/server/api/root";
import { createContextInner } from "@/server/api/trpc";
import { carriesSessionCookie, getSessionUser } from "@/server/auth/session";
import { TooManyRequests } from "@/server/auth/sign-in-limiter";
import { env } from "@/server/env";
import { addressFromHeaders } from "@/server/http/client-address";
import { refuseCrossSite } from "@/server/http/cross-site";

// Who may call what is decided per procedure (server/api/trpc.ts); this handler only carries HTTP,
// and refuses cross-site and non-JSON mutations before anything runs.
const handler = (req: Request) =>
  refuseCrossSite(req, env.APP_URL) ??
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    maxBatchSize: MAX_BATCH,
    createContext: async () =>
      createContextInner({ user: carriesSessionCookie(req.headers) ? await getSessionUser() : null, ip: addressFromHeaders(req.headers) }),
    // A 429 says when to come back.
    responseMeta({ errors }) {
      const waits = errors.map((e) => (e.cause instanceof TooManyRequests ? e.cause.retryAfterSeconds : 0));
      const wait = Math.max(0, ...waits);
      return wait > 0 ? { headers: new Headers({ "Retry-After": String(wait) }) } : {};
    },
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });

export { handler as GET, handler as POST };
