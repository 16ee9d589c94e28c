"use client";
// tRPC through TanStack Query for client components. Not in the root layout: public reading pages
// load neither client (issue 17, Lighthouse); the sections that edit (desk, review, imports, admin,
// account, the editors) wrap their pages in it, and a public page wraps only the widget that needs
// it (a reviewer's withdraw button). One QueryClient and one tRPC client per browser tab, shared by
// every provider on the page (a fresh pair per request on the server).
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, type CreateTRPCClient } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState } from "react";
import superjson from "superjson";
import type { AppRouter } from "@/server/api/root";
import { MAX_BATCH } from "@/server/api/limits";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

type Clients = { queryClient: QueryClient; trpcClient: CreateTRPCClient<AppRouter> };

function makeClients(): Clients {
  return {
    queryClient: new QueryClient({ defaultOptions: { queries: { staleTime: 30_000 } } }),
    trpcClient: createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "/api/trpc", transformer: superjson, maxItems: MAX_BATCH })] }),
  };
}

let browserClients: Clients | undefined;
function getClients(): Clients {
  if (typeof window === "undefined") return makeClients();
  return (browserClients ??= makeClients());
}

export function TRPCReactProvider({ children }: { children: React.ReactNode }) {
  const [{ queryClient, trpcClient }] = useState(getClients);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
