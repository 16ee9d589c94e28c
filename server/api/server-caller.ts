// The tRPC caller for React Server Components: same procedures, same authorization, no HTTP.
import "server-only";
import { cache } from "react";
import { getSessionUser } from "../auth/session";
import { createCaller } from "./root";
import { createContextInner } from "./trpc";

export const getApi = cache(async () => createCaller(createContextInner({ user: await getSessionUser() })));
