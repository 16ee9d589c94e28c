// Domain errors: thrown by server/<area> functions, mapped to tRPC/HTTP codes in one place
// (server/api/trpc.ts). A caller's mistake is never a 500.
export type DomainErrorCode = "BAD_REQUEST" | "NOT_FOUND" | "CONFLICT" | "FORBIDDEN" | "TOO_MANY_REQUESTS" | "PRECONDITION_FAILED";

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** The input field the error is about, for forms. */
    readonly field?: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = (what: string) => new DomainError("NOT_FOUND", `${what} does not exist.`);
export const badInput = (message: string, field?: string) => new DomainError("BAD_REQUEST", message, field);
export const conflict = (message: string) => new DomainError("CONFLICT", message);
