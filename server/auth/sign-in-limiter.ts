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
import { UNKNOWN_ADDRESS } from "../http/client-address";

export interface GrowingLimit {
  /** Attempts allowed before any waiting. */
  free: number;
  /** The first wait, in seconds; each further attempt doubles it. */
  firstWait: number;
  /** The longest wait, in seconds. */
  maxWait: number;
}

const DAY = 24 * 3600;

/**
 * Wrong passwords for one account from one client: from one address, or from one browser that
 * signed in to the account before (its device cookie, server/auth/device-cookie.ts).
 */
export const ACCOUNT_LIMIT: GrowingLimit = { free: 5, firstWait: 60, maxWait: 3600 };
/**
 * Wrong passwords for one account from everywhere else (no device cookie for it): this limit
 * only slows a stranger's guessing from many addresses; the owner's own browser is not held by it.
 */
export const UNTRUSTED_ACCOUNT_LIMIT: GrowingLimit = { free: 10, firstWait: 60, maxWait: 900 };
/** Wrong passwords from one address (across accounts: a shared office address gets more room). */
export const IP_LIMIT: GrowingLimit = { free: 30, firstWait: 60, maxWait: 3600 };
/** Invalid invitation/reset links and wrong current passwords, per address or account. */
export const LINK_LIMIT: GrowingLimit = { free: 20, firstWait: 60, maxWait: 3600 };
/** "Forgot your password?" requests per email address, and per client address. */
export const RESET_EMAIL_LIMIT: GrowingLimit = { free: 3, firstWait: 300, maxWait: 6 * 3600 };
export const RESET_IP_LIMIT: GrowingLimit = { free: 10, firstWait: 60, maxWait: 3600 };

/** How long a claimed attempt holds the way for the next one (the longest a password check takes). */
const CLAIM_SECONDS = 30;

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

/** An attempt claimed on one limit: whether it holds the way past the free allowance. */
export interface Claim {
  limiter: GrowingLimiter;
  key: string;
  gate: boolean;
}

/**
 * One growing limit under a key prefix: a count of attempts, and a gate that holds the wait they
 * imposed. An attempt is counted *before* it is made (claim), atomically in PostgreSQL, so
 * parallel attempts each see the ones before them: however many arrive at once, at most the free
 * allowance is tried, then one at a time, each after its wait.
 */
export class GrowingLimiter {
  private count: RateLimiterPostgres;
  private gate: RateLimiterPostgres;

  constructor(
    readonly prefix: string,
    readonly limit: GrowingLimit,
  ) {
    const common = { storeClient: getPool(), storeType: "pool", tableName: "rate_limits", tableCreated: true };
    this.count = new RateLimiterPostgres({ ...common, keyPrefix: `${prefix}_count`, points: 1_000_000, duration: DAY });
    this.gate = new RateLimiterPostgres({ ...common, keyPrefix: `${prefix}_wait`, points: 1, duration: CLAIM_SECONDS });
  }

  /** Seconds until the key may try again; 0 when it may now. */
  async retryAfter(key: string): Promise<number> {
    const res: RateLimiterRes | null = await this.gate.get(key);
    return res && res.consumedPoints > 1 ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 0;
  }

  /**
   * Claims one attempt before it is made: a Claim when it may go ahead, else the seconds to
   * wait. Within the free allowance every attempt goes ahead; the last free one and every one
   * after it must also take the gate, which only one attempt holds at a time and a failure
   * closes for its wait.
   */
  async claim(key: string): Promise<Claim | number> {
    const waiting = await this.retryAfter(key);
    if (waiting > 0) return waiting;
    const attempts = (await this.count.consume(key)).consumedPoints;
    if (attempts < this.limit.free) return { limiter: this, key, gate: false };
    try {
      await this.gate.consume(key);
      return { limiter: this, key, gate: true };
    } catch (refused) {
      await this.count.reward(key, 1);
      if (refused instanceof Error) throw refused;
      return Math.max(1, Math.ceil((refused as RateLimiterRes).msBeforeNext / 1000));
    }
  }

  /** The claimed attempt failed: from the free allowance on, the next one waits. Answers that wait. */
  async failed(claim: Claim): Promise<number> {
    const attempts = (await this.count.get(claim.key))?.consumedPoints ?? 1;
    const seconds = waitAfter(this.limit, attempts);
    if (seconds > 0) await this.gate.block(claim.key, seconds);
    else if (claim.gate) await this.gate.delete(claim.key);
    return seconds;
  }

  /** The claimed attempt was not a failure (a request that went through): it does not count. */
  async release(claim: Claim): Promise<void> {
    await this.count.reward(claim.key, 1);
    if (claim.gate) await this.gate.delete(claim.key);
  }

  async clear(key: string): Promise<void> {
    await Promise.all([this.count.delete(key), this.gate.delete(key)]);
  }
}

type LimiterName = "account" | "untrustedAccount" | "ip" | "link" | "resetEmail" | "resetIp";
let limiters: Record<LimiterName, GrowingLimiter> | undefined;

function getLimiters() {
  limiters ??= {
    account: new GrowingLimiter("signin_account", ACCOUNT_LIMIT),
    untrustedAccount: new GrowingLimiter("signin_untrusted", UNTRUSTED_ACCOUNT_LIMIT),
    ip: new GrowingLimiter("signin_ip", IP_LIMIT),
    link: new GrowingLimiter("link", LINK_LIMIT),
    resetEmail: new GrowingLimiter("reset_email", RESET_EMAIL_LIMIT),
    resetIp: new GrowingLimiter("reset_ip", RESET_IP_LIMIT),
  };
  return limiters;
}

/**
 * Claims on several limits at once: all of them, or none (the claims taken are released) and
 * the longest wait.
 */
async function claimAll(keys: [GrowingLimiter, string][]): Promise<Claim[] | number> {
  const claims: Claim[] = [];
  for (const [limiter, key] of keys) {
    const claim = await limiter.claim(key);
    if (typeof claim === "number") {
      await Promise.all(claims.map((c) => c.limiter.release(c)));
      const others = await Promise.all(keys.map(([l, k]) => l.retryAfter(k)));
      return Math.max(claim, ...others);
    }
    claims.push(claim);
  }
  return claims;
}

/** A limit keyed by the client's address counts only when the address is known (a call without HTTP has none). */
const ifAddressKnown = <T,>(ip: string, entry: T): T[] => (ip === UNKNOWN_ADDRESS ? [] : [entry]);

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

/** Who is signing in: the account, the client's address, and the browser if it signed in to this account before. */
export interface SignInClient {
  email: string;
  ip: string;
  /** The device cookie's id when it was issued for this account (server/auth/device-cookie.ts). */
  device: string | null;
}

/**
 * The limits one sign-in attempt counts against. A browser that signed in to the account before
 * has its own allowance, so a stranger's failures never lock the owner out; anyone else counts
 * per (account, address), per address, and against the account-wide limit for untrusted clients.
 */
function signInKeys({ email, ip, device }: SignInClient): [GrowingLimiter, string][] {
  const l = getLimiters();
  if (device) return [[l.account, `device:${device}`]];
  return [[l.account, `${email}|${ip}`], [l.untrustedAccount, email], ...ifAddressKnown<[GrowingLimiter, string]>(ip, [l.ip, ip])];
}

/** Seconds until this client may try to sign in again, 0 when it may now (nothing counted). */
export async function signInRetryAfter(client: SignInClient): Promise<number> {
  return longest(signInKeys(client).map(([limiter, key]) => limiter.retryAfter(key)));
}

/** Claims a sign-in attempt before the password is checked: the claims, or the seconds to wait. */
export async function claimSignIn(client: SignInClient): Promise<Claim[] | number> {
  return claimAll(signInKeys(client));
}

/** The claimed attempt had a wrong password (or an unknown, disabled or role-less account). */
export async function signInFailed(claims: Claim[]): Promise<void> {
  await Promise.all(claims.map((c) => c.limiter.failed(c)));
}

/**
 * The claimed attempt signed in: this client's own count is forgotten; the account-wide count
 * of untrusted clients is not (the owner signing in must not give a stranger a fresh allowance).
 */
export async function signInSucceeded(claims: Claim[]): Promise<void> {
  const { account } = getLimiters();
  await Promise.all(claims.map((c) => (c.limiter === account ? account.clear(c.key) : c.limiter.release(c))));
}

/**
 * Guessing links or a current password: refused with 429 while a key (an address, an account)
 * waits. `attempt` runs only while allowed; an unknown link (NOT_FOUND) or a wrong current
 * password counts as a failure, a weak new password does not.
 */
export async function limitFailures<T>(keys: string[], attempt: () => Promise<T>): Promise<T> {
  const { link } = getLimiters();
  const claims = await claimAll(keys.map((k) => [link, k]));
  if (typeof claims === "number") throw new TooManyRequests(claims, "Too many failed attempts");
  try {
    const result = await attempt();
    await Promise.all(claims.map((c) => link.release(c)));
    return result;
  } catch (error) {
    const failure = error instanceof DomainError && (error.code === "NOT_FOUND" || error.field === "currentPassword");
    await Promise.all(claims.map((c) => (failure ? link.failed(c) : link.release(c))));
    throw error;
  }
}

/** Password-reset requests: counted per email address and per client address, known or not; each one counts as it is made. */
export async function limitResetRequests(email: string, ip: string): Promise<void> {
  const { resetEmail, resetIp } = getLimiters();
  const claims = await claimAll([[resetEmail, email], ...ifAddressKnown<[GrowingLimiter, string]>(ip, [resetIp, ip])]);
  if (typeof claims === "number") throw new TooManyRequests(claims, "Too many reset requests");
  await Promise.all(claims.map((c) => c.limiter.failed(c)));
}

/** The per-address key of the link limit, when the address is known. */
export function addressKeys(ip: string): string[] {
  return ifAddressKnown(ip, `ip:${ip}`);
}
