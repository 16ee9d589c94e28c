// The tRPC caller for React Server Components: same procedures, same authorization, no HTTP.
import "server-only";
import { TRPCError } from "@trpc/server";
import { headers } from "next/headers";
import { cache } from "react";
import { getSessionUser } from "../auth/session";
import { addressFromHeaders } from "../http/client-address";
import { createCaller } from "./root";
import { createContextInner } from "./trpc";

// The page's own client address: limits and the audit log count each reader, not one "server" bucket.
export const getApi = cache(async () => createCaller(createContextInner({ user: await getSessionUser(), ip: addressFromHeaders(await headers()) })));

/** A tRPC NOT_FOUND becomes null (the page then calls notFound()); any other error propagates. */
export async function nullIfNotFound<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") return null;
    throw error;
  }
}
