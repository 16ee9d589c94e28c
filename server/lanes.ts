// Work done by a few loops at once (publication batches, search-sync batches): while one waits
// for the database, another works.

/**
 * Runs `lane` `count` times at once and waits for every run to settle (no loop goes on behind a
 * caller that has already failed), then throws the first failure. A lane that fails should tell
 * the others to stop taking work.
 */
export async function inLanes(count: number, lane: () => Promise<void>): Promise<void> {
  const lanes = await Promise.allSettled(Array.from({ length: count }, lane));
  const failed = lanes.find((l): l is PromiseRejectedResult => l.status === "rejected");
  if (failed) throw failed.reason;
}
