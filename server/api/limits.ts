// Limits of the tRPC endpoint, shared by the client link and the handler (isomorphic).

/**
 * Procedure calls in one batched HTTP request. Pages batch a handful; an anonymous caller must
 * not turn one GET into 150 searches. Past it: 400. The client's link splits at the same size.
 */
export const MAX_BATCH = 10;
