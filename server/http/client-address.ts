// The client's address, for rate limits and the audit log: from the connection, or from the
// X-Forwarded-For entries appended by proxies we trust (TRUSTED_PROXY_HOPS), never from what a
// client wrote. Node's HTTP server is wrapped once at start (instrumentation.ts) so every route,
// page and server action reads the same answer from one header.
import { isIP } from "node:net";

/** The header that carries the address inside the app (set on every request, whatever came in). */
export const CLIENT_ADDRESS_HEADER = "x-forwarded-for";
/** When no address can be known (a call without HTTP). */
export const UNKNOWN_ADDRESS = "unknown";

/**
 * The address of the client: the socket's peer, or, behind `trustedHops` proxies, the entry
 * that many places from the right of X-Forwarded-For + the peer (each proxy appends the address
 * it saw, so entries further left are the client's own claims). Anything that is not an IP
 * address (a forged header of any length) gives the nearest trusted address instead.
 */
export function clientAddress({ peer, forwardedFor, trustedHops }: { peer: string | undefined; forwardedFor: string | string[] | undefined; trustedHops: number }): string {
  const chain = trustedHops > 0 ? [...[forwardedFor ?? []].flat().join(",").split(","), peer ?? ""] : [peer ?? ""];
  const hops = chain.map((entry) => normalize(entry.trim()));
  // Walk from the right past the trusted proxies; stop at the first entry that is not an address.
  let address = hops.at(-1) ?? null;
  for (let i = 1; i <= trustedHops && i < hops.length; i++) {
    const next = hops[hops.length - 1 - i];
    if (!next) break;
    address = next;
  }
  return address ?? UNKNOWN_ADDRESS;
}

/** An IP address in its plain form ("::ffff:10.0.0.1" -> "10.0.0.1"), or null. */
function normalize(entry: string): string | null {
  if (entry.length > 64) return null;
  const plain = entry.startsWith("::ffff:") && isIP(entry.slice(7)) === 4 ? entry.slice(7) : entry;
  return isIP(plain) ? plain.toLowerCase() : null;
}

/** The address a request carries (set by the wrapper): always an IP address or "unknown", never longer than 64 characters. */
export function addressFromHeaders(headers: Headers): string {
  const value = headers.get(CLIENT_ADDRESS_HEADER) ?? "";
  return normalize(value.trim()) ?? UNKNOWN_ADDRESS;
}
