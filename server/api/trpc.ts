// tRPC: the request context and the procedure ladder public -> signed in -> editor -> reviewer
// -> admin. Each rung re-checks the caller against the database (getSessionUser reads the user
// row on every request), so a demoted or disabled user loses access on their next request.
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import { hasRole } from "../auth/roles";
import type { SessionUser } from "../auth/session-user";
import { db, type Db } from "../db";
import { DomainError } from "../errors";
import { UNKNOWN_ADDRESS } from "../http/client-address";
import { cleanInput, inputProblem } from "../http/safe-text";
import type { Role } from "../generated/prisma/enums";
import { Prisma } from "../generated/prisma/client";

export interface Context {
  db: Db;
  user: SessionUser | null;
  /** The client address (for the audit log and rate limits); "unknown" without HTTP (server/http/client-address.ts). */
  ip: string;
}

/** The context without HTTP: tests and the server-side caller build it directly. */
export function createContextInner(opts: { user: SessionUser | null; ip?: string }): Context {
  return { db, user: opts.user, ip: opts.ip ?? UNKNOWN_ADDRESS };
}

/** "title: Enter a title (and 2 more problems)" */
function describeIssues(error: ZodError) {
  const [first, ...rest] = error.issues;
  if (!first) return "The input is not valid.";
  const path = first.path.filter((p) => p !== "content").join(".");
  const more = rest.length ? ` (and ${rest.length} more problem${rest.length === 1 ? "" : "s"})` : "";
  return `${path ? `${path}: ` : ""}${first.message}${more}`;
}

/** What a caller is told about a server error (the details go to the log). */
export const INTERNAL_MESSAGE = "Something went wrong on our side. It has been logged; please try again later.";

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      // zod's own message is its issues as JSON; say it in a sentence instead. A server error's
      // own text (a database driver's, with table names and values) is logged, never sent.
      message: cause instanceof ZodError ? describeIssues(cause) : error.code === "INTERNAL_SERVER_ERROR" ? INTERNAL_MESSAGE : shape.message,
      data: {
        ...shape.data,
        // Malformed input: the zod issues, so forms can show them at the field.
        zodIssues: cause instanceof ZodError ? cause.issues.map(({ path, message, code }) => ({ path, message, code })) : null,
        field: cause instanceof DomainError ? (cause.field ?? null) : null,
        // Never leak a stack trace to callers.
        stack: undefined,
      },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

/** Maps domain and database errors to tRPC codes: a caller's mistake is never a 500. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  if (cause instanceof DomainError) throw new TRPCError({ code: cause.code, message: cause.message, cause });
  if (cause instanceof Prisma.PrismaClientKnownRequestError) {
    if (cause.code === "P2025") throw new TRPCError({ code: "NOT_FOUND", message: "That item does not exist.", cause });
    if (cause.code === "P2002") throw new TRPCError({ code: "CONFLICT", message: "That item already exists.", cause });
    if (cause.code === "P2034") throw new TRPCError({ code: "CONFLICT", message: "Someone else changed this at the same moment; try again.", cause });
  }
  return result;
});

/**
 * Refuses text no person types (control characters, lone surrogates, direction overrides) and
 * absurd shapes, and makes the rest canonical (server/http/safe-text.ts), for every procedure.
 */
const safeInput = t.middleware(async ({ getRawInput, next }) => {
  const raw = await getRawInput().catch(() => undefined);
  const problem = inputProblem(raw);
  if (problem) throw new TRPCError({ code: "BAD_REQUEST", message: problem });
  // Every string as it will be stored (NFC, no invisible characters), before any schema reads it.
  const cleaned = cleanInput(raw);
  return next({ getRawInput: async () => cleaned });
});

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(mapErrors).use(safeInput);

/** Any signed-in user with a role. 401 otherwise. */
export const signedInProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to do this." });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

function roleProcedure(minimum: Role) {
  return signedInProcedure.use(({ ctx, next }) => {
    if (!hasRole(ctx.user, minimum)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `This needs the ${minimum} role or higher.` });
    }
    return next({ ctx });
  });
}

/** Editors, reviewers and admins: create and propose. */
export const editorProcedure = roleProcedure("editor");
/** Reviewers and admins: decide on change requests. */
export const reviewerProcedure = roleProcedure("reviewer");
/** Admins: users, withdrawal, trusted editors, search rebuilds. */
export const adminProcedure = roleProcedure("admin");

/** Shared input pieces. */
export const idInput = z.object({ id: z.int32().positive() });

/** A page of records sorted by date. */
export const recordsPageInput = z.object({
  sort: z.enum(["asc", "desc"]).default("asc"),
  page: z.int().min(1).max(100_000).default(1),
  pageSize: z.int().min(1).max(100).default(20),
});
