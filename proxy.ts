// Runs before every page and route (not static assets, and not the JSON APIs /api/trpc and
// /api/health: a policy for scripts means nothing to JSON, and public search is hot):
// - a Content-Security-Policy with a fresh nonce on every response (Next applies the nonce to its
//   own scripts when it finds the policy on the request);
// - a withdrawn record answers 410 Gone, with a short explanation page, on every public URL of
//   the record (/records/12-..., its history and revisions), except to reviewers and admins;
// - a merged entity's URL answers 307 (temporary: a merge can be undone) to the entity it was merged into;
// - an address no page can read (a NUL in a parameter, a path that is not UTF-8) answers 400
//   with a short page, by the same text rules as tRPC input (server/http/url-safety.ts).
// The status codes are ones App Router pages cannot set themselves; each costs one primary-key
// lookup, and only on record and entity URLs.
import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { hasRole } from "./server/auth/roles";
import { carriesSessionCookie, loadSessionUser, type SessionToken } from "./server/auth/session-user";
import { db } from "./server/db";
import { env } from "./server/env";
import { contentSecurityPolicy, newNonce } from "./server/http/security-headers";
import { urlProblem } from "./server/http/url-safety";

export const config = { matcher: ["/((?!_next/static|_next/image|fonts/|favicon.ico|api/trpc/|api/health).*)"] };

const ID = /^\/(records|entities)\/(\d{1,9})(?:-[^/]*)?(\/.*)?$/;

async function statusFor(request: NextRequest): Promise<{ redirect: string } | { gone: string } | { bad: string } | null> {
  const match = ID.exec(request.nextUrl.pathname);
  if (!match) return null;
  const id = Number(match[2]);
  if (match[1] === "entities") {
    const entity = await db.entity.findUnique({ where: { id }, select: { mergedIntoId: true } });
    // The same page of the surviving entity: its feed for a feed, its page for a page.
    return entity?.mergedIntoId ? { redirect: `/entities/${entity.mergedIntoId}${match[3] ?? ""}` } : null;
  }
  const record = await db.archivalRecord.findUnique({ where: { id }, select: { status: true } });
  // Reviewers and admins read a withdrawn record's pages (with a banner) to decide on a restore.
  return record?.status === "withdrawn" && !(await isStaff(request)) ? { gone: `/gone/records/${id}` } : null;
}

/** Whether the request is signed in as a reviewer or admin (only asked on a withdrawn record's URL). */
async function isStaff(request: NextRequest): Promise<boolean> {
  if (!carriesSessionCookie(request.headers)) return false;
  for (const secureCookie of [true, false]) {
    const token = await getToken({ req: request, secret: env.AUTH_SECRET, secureCookie }).catch(() => null);
    if (token) return hasRole(await loadSessionUser(token as SessionToken), "reviewer");
  }
  return false;
}

export async function proxy(request: NextRequest) {
  const unreadable = urlProblem(request.nextUrl);
  const status = unreadable ? { bad: "/bad-address" } : await statusFor(request);
  if (status && "redirect" in status) return NextResponse.redirect(new URL(status.redirect, request.url), 307);

  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV !== "production");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = !status
    ? NextResponse.next({ request: { headers } })
    : "bad" in status
      ? NextResponse.rewrite(new URL(status.bad, request.nextUrl.origin), { status: 400, request: { headers } })
      : NextResponse.rewrite(new URL(status.gone, request.url), { status: 410, request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}
