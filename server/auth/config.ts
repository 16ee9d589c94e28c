// next-auth (Auth.js v5): email and password through the Credentials provider, JWT sessions.
// The token carries only the user id and session version; every request re-reads the user
// from the database (see session.ts), so role changes and disabling apply at once.
import { randomUUID } from "node:crypto";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cookies, headers } from "next/headers";
import { env } from "../env";
import { db } from "../db";
import { verifyCredentials } from "./credentials";
import { authErrorLine } from "./log";
import { DEVICE_COOKIE, deviceCookieOptions } from "./device-cookie";
import { endSession, SESSION_MAX_AGE, type SessionToken } from "./session-user";
import { signInWithIdentity } from "./sso";
import { addressFromHeaders } from "../http/client-address";

/** The OpenID Connect provider's id in next-auth (its callback is /api/auth/callback/oidc). */
export const OIDC_PROVIDER_ID = "oidc";

/** Institutional sign-in when OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set. */
export const ssoProvider = env.OIDC_ISSUER ? { id: OIDC_PROVIDER_ID, name: env.OIDC_NAME } : null;

export class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}
export class TooManyAttempts extends CredentialsSignin {
  code = "rate_limited";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

export async function clientIp(): Promise<string> {
  return addressFromHeaders(await headers());
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: env.AUTH_SECRET,
  trustHost: true,
  // Secure (and __Secure-/__Host- prefixed) cookies when the public URL is https, whatever
  // the proxy in front says; otherwise they follow the request's protocol (X-Forwarded-Proto).
  // Always HttpOnly and SameSite=Lax (next-auth's defaults, checked in e2e/authorization.spec.ts).
  useSecureCookies: new URL(env.APP_URL).protocol === "https:" ? true : undefined,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE },
  // One line per problem: a garbage cookie sent with every request must not write a stack
  // trace each time. A refused sign-in is expected, audited (auth.sign_in_failed) and shown to
  // the user: not logged at all.
  logger: {
    error(error: Error) {
      if (error.name === "CredentialsSignin" || error instanceof CredentialsSignin) return;
      console.error(`auth: ${authErrorLine(error)}`);
    },
  },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    ...(env.OIDC_ISSUER
      ? [
          {
            id: OIDC_PROVIDER_ID,
            name: env.OIDC_NAME,
            type: "oidc" as const,
            issuer: env.OIDC_ISSUER,
            clientId: env.OIDC_CLIENT_ID,
            clientSecret: env.OIDC_CLIENT_SECRET,
            authorization: { params: { scope: "openid email profile" } },
            // Claims from the userinfo endpoint (checked against the ID token's subject): some
            // providers put email and name only there.
            idToken: false,
            checks: ["pkce" as const, "state" as const, "nonce" as const],
          },
        ]
      : []),
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const jar = await cookies();
        const result = await verifyCredentials(credentials, await clientIp(), jar.get(DEVICE_COOKIE)?.value);
        if (result.ok) jar.set(DEVICE_COOKIE, result.deviceCookie, deviceCookieOptions());
        if (result.ok) return { id: result.user.id, email: result.user.email, name: result.user.name, sessionVersion: result.user.sessionVersion };
        if (result.kind === "rate_limited") throw new TooManyAttempts(result.retryAfterSeconds);
        throw new InvalidCredentials();
      },
    }),
  ],
  callbacks: {
    /** Institutional sign-in: map the provider's identity to our user, or refuse with a reason. */
    async signIn({ user, account, profile }) {
      if (account?.provider !== OIDC_PROVIDER_ID) return true;
      const result = await signInWithIdentity(db, { issuer: env.OIDC_ISSUER!, claims: profile, ip: await clientIp(), defaultRole: env.OIDC_DEFAULT_ROLE });
      if (!result.ok) return `/sign-in?error=${result.reason}`;
      // next-auth hands this same object to the jwt callback below.
      Object.assign(user, { id: result.user.id, email: result.user.email, name: result.user.name, sessionVersion: result.user.sessionVersion });
      return true;
    },
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 1;
        // This session's own id: signing out ends it on the server (session-user.ts).
        token.sid = randomUUID();
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, uid: token.uid as string | undefined, sv: token.sv as number | undefined, sid: token.sid as string | undefined };
    },
  },
  events: {
    /** Signing out (the form, or next-auth's own endpoint) ends the session for every copy of its cookie. */
    async signOut(message) {
      if ("token" in message && message.token) await endSession(message.token as SessionToken & { exp?: number });
    },
  },
});
