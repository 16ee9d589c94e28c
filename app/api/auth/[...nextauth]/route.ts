// next-auth's own endpoints (session, CSRF token, callback); access rules are next-auth's.
// A credentials callback for an account or address that is locked out by the sign-in limiter is
// answered 429 with Retry-After before next-auth runs (the sign-in form itself shows the same
// wait as a message); the answer is the same whether or not the account exists.
import type { NextRequest } from "next/server";
import { recordAuditEvent } from "@/server/audit/audit";
import { handlers } from "@/server/auth/config";
import { addressFromHeaders } from "@/server/http/client-address";
import { credentialsSchema } from "@/server/auth/credentials";
import { db } from "@/server/db";
import { DEVICE_COOKIE, deviceFor } from "@/server/auth/device-cookie";
import { describeWait, signInRetryAfter } from "@/server/auth/sign-in-limiter";

export const { GET } = handlers;

export async function POST(req: NextRequest) {
  if (new URL(req.url).pathname.endsWith("/callback/credentials")) {
    const form = await req.clone().formData().catch(() => null);
    // Only a well-formed address names an account; anything else is limited by the address alone.
    const email = credentialsSchema.shape.email.safeParse(form?.get("email") ?? "").data ?? "";
    const ip = addressFromHeaders(req.headers);
    const device = deviceFor(req.cookies.get(DEVICE_COOKIE)?.value, email);
    const wait = await signInRetryAfter({ email, ip, device });
    if (wait > 0) {
      await recordAuditEvent(db, { action: "auth.sign_in_rate_limited", subjectType: "email", subjectId: email, ip });
      return Response.json(
        { error: `Too many failed sign-ins. Try again in ${describeWait(wait)}.` },
        { status: 429, headers: { "Retry-After": String(wait) } },
      );
    }
  }
  return handlers.POST(req as Parameters<typeof handlers.POST>[0]);
}
