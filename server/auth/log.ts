// next-auth's errors as one log line each (config.ts): a garbage cookie sent with every request
// must not write a stack trace every time.

/** "JWTSessionError: Invalid Compact JWE": the error's kind and first line (and its cause's), bounded. */
export function authErrorLine(error: Error): string {
  const cause = (error as { cause?: { err?: unknown } }).cause?.err;
  const first = (e: Error) => `${e.name}: ${(e.message.split("\n")[0] ?? "").replace(/\s*Read more at \S+/, "")}`;
  return (cause instanceof Error ? `${first(error)} (${first(cause)})` : first(error)).slice(0, 300);
}
