// Withdrawn records answer 410 Gone, with a short explanation page, on every public URL of the
// record (/records/12-..., its history and revisions). App Router pages cannot set a 410 status
// themselves, so the request is rewritten here with the status; one primary-key lookup.
import { NextResponse, type NextRequest } from "next/server";
import { db } from "./server/db";

export const config = { matcher: ["/records/:id/:path*", "/records/:id"] };

export async function proxy(request: NextRequest) {
  const match = /^\/records\/(\d{1,9})(?:-[^/]*)?(?:\/|$)/.exec(request.nextUrl.pathname);
  if (!match) return NextResponse.next();
  const record = await db.archivalRecord.findUnique({ where: { id: Number(match[1]) }, select: { status: true } });
  if (record?.status !== "withdrawn") return NextResponse.next();
  return NextResponse.rewrite(new URL(`/gone/records/${match[1]}`, request.url), { status: 410 });
}
