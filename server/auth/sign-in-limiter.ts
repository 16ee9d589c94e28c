// Failed sign-ins, guessed links and reset requests are limited per account and per client
// address with growing delays, stored in PostgreSQL so limits hold across restarts and app
// instances (rate-limiter-flexible: kept, well-tested limiter with a PostgreSQL store; table
// `rate_limits` is created by our migrations).
//
// Each limit allows a number of free attempts; from then on every further attempt (a failure,
// or a request) makes the next one wait, starting at one minute and doubling up to an hour.
// The count is forgotten a day after the last attempt, or at once after a success.
import pg from "pg";
import { RateLimiterPostgres, type RateLimiterRes } from "rate-limiter-flexible";
import { env } from "../env";
import { DomainError } from "../errors";

export interface GrowingLimit {
  /** Attempts allowed before any waiting. */
  free: number;
  /** The first wait, in seconds; each further attempt doubles it. */
  firstWait: number;
  /** The longest wait, in seconds. */
  maxWait: number;
}

const DAY = 24 * 3600;

/** Wrong passwords for one account (whoever sends them). */
export const ACCOUNT_LIMIT: GrowingLimit = { free: 5, firstWait: 60, maxWait: 3600 };
/** Wrong passwords from one address (across accounts: a shared office address gets more room). */
export const IP_LIMIT: GrowingLimit = { free: 30, firstWait: 60, maxWait: 3600 };
/** Invalid invitation/reset links and wrong current passwords, per address or account. */
export const LINK_LIMIT: GrowingLimit = { free: 20, firstWait: 60, maxWait: 3600 };
/** "Forgot your password?" requests per email address, and per client address. */
export const RESET_EMAIL_LIMIT: GrowingLimit = { free: 3, firstWait: 300, maxWait: 6 * 3600 };
export const RESET_IP_LIMIT: GrowingLimit = { free: 10, firstWait: 60, maxWait: 3600 };

export const ACCOUNT_FAILURES_ALLOWED = ACCOUNT_LIMIT.free;
export const LINK_FAILURES_ALLOWED = LINK_LIMIT.free;

/** Seconds to wait after the n-th counted attempt (n from 1). */
export function waitAfter(limit: GrowingLimit, attempts: number): number {
  if (attempts < limit.free) return 0;
  return Math.min(limit.maxWait, limit.firstWait * 2 ** Math.min(30, attempts - limit.free));
}

let pool: pg.Pool | undefined;

function getPool() {
  if (!pool) {
    pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 2 });
    // An idle connection the server closed (restart, failover) must not crash the process;
    // the pool replaces it on the next query.
    pool.on("error", (error) => console.warn("Rate limiter: idle database connection lost:", error.message));
  }
  return pool;
}

/** One growing limit under a key prefix: a count of attempts, and the wait they imposed. */
export class GrowingLimiter {
  private count: RateLimiterPostgres;
  private wait: RateLimiterPostgres;

  constructor(
    readonly prefix: string,
    readonly limit: GrowingLimit,
  ) {
    const common = { storeClient: getPool(), storeType: "pool", tableName: "rate_limits", tableCreated: true };
    this.count = new RateLimiterPostgres({ ...common, keyPrefix: `${prefix}_count`, points: 1_000_000, duration: DAY });
    this.wait = new RateLimiterPostgres({ ...common, keyPrefix: `${prefix}_wait`, points: 1, duration: 1 });
  }

  /** Seconds until the key may try again; 0 when it may now. */
  async retryAfter(key: string): Promise<number> {
    const res: RateLimiterRes | null = await this.wait.get(key);
    return res && res.consumedPoints > 1 ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 0;
  }

  /** Counts an attempt; from the free allowance on, imposes the next wait. Answers that wait. */
  async hit(key: string): Promise<number> {
    const res = await this.count.consume(key);
    const seconds = waitAfter(this.limit, res.consumedPoints);
    if (seconds > 0) await this.wait.block(key, seconds);
    return seconds;
  }

  async clear(key: string): Promise<void> {
    await Promise.all([this.count.delete(key), this.wait.delete(key)]);
  }
}

let limiters: Record<"account" | "ip" | "link" | "resetEmail" | "resetIp", GrowingLimiter> | undefined;

function getLimiters() {
  limiters ??= {
    account: new GrowingLimiter("signin_account", ACCOUNT_LIMIT),
    ip: new GrowingLimiter("signin_ip", IP_LIMIT),
    link: new GrowingLimiter("link", LINK_LIMIT),
    resetEmail: new GrowingLimiter("reset_email", RESET_EMAIL_LIMIT),
    resetIp: new GrowingLimiter("reset_ip", RESET_IP_LIMIT),
  };
  return limiters;
}

const longest = async (checks: Promise<number>[]) => Math.max(0, ...(await Promise.all(checks)));

/** "Try again in 4 minutes": rounded up, never "0 minutes". */
export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  return `${Math.ceil(minutes / 60)} hours`;
}

/** A 429 for tRPC callers, with the wait for the Retry-After header. */
export class TooManyRequests extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    what = "Too many attempts",
  ) {
    super("TOO_MANY_REQUESTS", `${what}. For your security, try again in ${describeWait(retryAfterSeconds)}.`);
  }
}

/** Seconds until another sign-in is allowed for this account or IP, 0 when allowed now. */
export async function signInRetryAfter(email: string, ip: string): Promise<number> {
  const { account, ip: byIp } = getLimiters();
  return longest([account.retryAfter(email), byIp.retryAfter(ip)]);
}

export async function recordSignInFailure(email: string, ip: string): Promise<void> {
  const { account, ip: byIp } = getLimiters();
  await Promise.all([account.hit(email), byIp.hit(ip)]);
}

export async function clearSignInFailures(email: string): Promise<void> {
  await getLimiters().account.clear(email);
}

/**
 * Guessing links or a current password: refused with 429 while a key (an address, an account)
 * waits. `attempt` runs only while allowed; an unknown link (NOT_FOUND) or a wrong current
 * password counts as a failure, a weak new password does not.
 */
export async function limitFailures<T>(keys: string[], attempt: () => Promise<T>): Promise<T> {
  const { link } = getLimiters();
  const wait = await longest(keys.map((k) => link.retryAfter(k)));
  if (wait > 0) throw new TooManyRequests(wait, "Too many failed attempts");
  try {
    return await attempt();
  } catch (error) {
    if (error instanceof DomainError && (error.code === "NOT_FOUND" || error.field === "currentPassword")) await Promise.all(keys.map((k) => link.hit(k)));
    throw error;
  }
}

/** Password-reset requests: counted per email address and per client address, known or not. */
export async function limitResetRequests(email: string, ip: string): Promise<void> {
  const { resetEmail, resetIp } = getLimiters();
  const wait = await longest([resetEmail.retryAfter(email), resetIp.retryAfter(ip)]);
  if (wait > 0) throw new TooManyRequests(wait, "Too many reset requests");
  await Promise.all([resetEmail.hit(email), resetIp.hit(ip)]);
}
