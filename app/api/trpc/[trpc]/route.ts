import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createContextInner } from "@/server/api/trpc";
import { ipFromHeaders } from "@/server/auth/config";
import { getSessionUser } from "@/server/auth/session";
import { env } from "@/server/env";
import { refuseCrossSite } from "@/server/http/cross-site";

// Who may call what is decided per procedure (server/api/trpc.ts); this handler only carries HTTP,
// and refuses cross-site and non-JSON mutations before anything runs.
const handler = (req: Request) =>
  refuseCrossSite(req, env.APP_URL) ??
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () => createContextInner({ user: await getSessionUser(), ip: ipFromHeaders(req.headers) }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });

export { handler as GET, handler as POST };
