// Failed sign-ins are limited per account and per IP address, stored in PostgreSQL so limits
// hold across restarts and app instances (rate-limiter-flexible: kept, well-tested limiter with
// a PostgreSQL store; table `rate_limits` is created by our migrations).
import pg from "pg";
import { RateLimiterPostgres, type RateLimiterRes } from "rate-limiter-flexible";
import { env } from "../env";
import { DomainError } from "../errors";

const WINDOW_SECONDS = 15 * 60;
export const ACCOUNT_FAILURES_ALLOWED = 5;
export const IP_FAILURES_ALLOWED = 30;

/** Invalid invitation/reset links and wrong current passwords, per address or account. */
export const LINK_FAILURES_ALLOWED = 20;

let limiters: { account: RateLimiterPostgres; ip: RateLimiterPostgres; link: RateLimiterPostgres } | undefined;

function getLimiters() {
  if (!limiters) {
    const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 2 });
    // An idle connection the server closed (restart, failover) must not crash the process;
    // the pool replaces it on the next query.
    pool.on("error", (error) => console.warn("Sign-in limiter: idle database connection lost:", error.message));
    const common = { storeClient: pool, storeType: "pool", tableName: "rate_limits", tableCreated: true };
    limiters = {
      account: new RateLimiterPostgres({
        ...common,
        keyPrefix: "signin_account",
        points: ACCOUNT_FAILURES_ALLOWED,
        duration: WINDOW_SECONDS,
      }),
      ip: new RateLimiterPostgres({ ...common, keyPrefix: "signin_ip", points: IP_FAILURES_ALLOWED, duration: WINDOW_SECONDS }),
      link: new RateLimiterPostgres({ ...common, keyPrefix: "link", points: LINK_FAILURES_ALLOWED, duration: WINDOW_SECONDS }),
    };
  }
  return limiters;
}

const blocked = (res: RateLimiterRes | null, allowed: number) =>
  res !== null && res.consumedPoints >= allowed ? Math.ceil(res.msBeforeNext / 1000) : 0;

/** Seconds until another attempt is allowed for this account or IP, 0 when allowed now. */
export async function signInRetryAfter(email: string, ip: string): Promise<number> {
  const { account, ip: byIp } = getLimiters();
  const [a, i] = await Promise.all([account.get(email), byIp.get(ip)]);
  return Math.max(blocked(a, ACCOUNT_FAILURES_ALLOWED), blocked(i, IP_FAILURES_ALLOWED));
}

export async function recordSignInFailure(email: string, ip: string): Promise<void> {
  const { account, ip: byIp } = getLimiters();
  // consume() rejects once the limit is passed; the failure is counted either way.
  await Promise.allSettled([account.consume(email), byIp.consume(ip)]);
}

export async function clearSignInFailures(email: string): Promise<void> {
  await getLimiters().account.delete(email);
}

/**
 * Guessing links or a current password: refused with 429 once a key (an address, an account)
 * has failed LINK_FAILURES_ALLOWED times in the window. `attempt` runs only while allowed; an
 * unknown link (NOT_FOUND) or a wrong current password counts as a failure, a weak new password
 * does not.
 */
export async function limitFailures<T>(keys: string[], attempt: () => Promise<T>): Promise<T> {
  const { link } = getLimiters();
  const states = await Promise.all(keys.map((k) => link.get(k)));
  const wait = Math.max(0, ...states.map((s) => blocked(s, LINK_FAILURES_ALLOWED)));
  if (wait > 0) throw new DomainError("TOO_MANY_REQUESTS", `Too many failed attempts. Try again in ${Math.ceil(wait / 60)} minute${wait > 60 ? "s" : ""}.`);
  try {
    return await attempt();
  } catch (error) {
    if (error instanceof DomainError && (error.code === "NOT_FOUND" || error.field === "currentPassword")) await Promise.allSettled(keys.map((k) => link.consume(k)));
    throw error;
  }
}
