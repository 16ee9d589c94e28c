// Failed sign-ins are limited per account and per IP address, stored in PostgreSQL so limits
// hold across restarts and app instances (rate-limiter-flexible: kept, well-tested limiter with
// a PostgreSQL store; table `rate_limits` is created by our migrations).
import pg from "pg";
import { RateLimiterPostgres, type RateLimiterRes } from "rate-limiter-flexible";
import { env } from "../env";

const WINDOW_SECONDS = 15 * 60;
export const ACCOUNT_FAILURES_ALLOWED = 5;
export const IP_FAILURES_ALLOWED = 30;

let limiters: { account: RateLimiterPostgres; ip: RateLimiterPostgres } | undefined;

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
