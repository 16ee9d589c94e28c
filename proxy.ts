// Status codes App Router pages cannot set themselves, decided with one primary-key lookup:
// - a withdrawn record answers 410 Gone, with a short explanation page, on every public URL of
//   the record (/records/12-..., its history and revisions);
// - a merged entity's URL answers 301 to the entity it was merged into.
import { NextResponse, type NextRequest } from "next/server";
import { db } from "./server/db";

export const config = { matcher: ["/records/:id", "/records/:id/:path*", "/entities/:id", "/entities/:id/:path*"] };

const ID = /^\/(records|entities)\/(\d{1,9})(?:-[^/]*)?(?:\/|$)/;

export async function proxy(request: NextRequest) {
  const match = ID.exec(request.nextUrl.pathname);
  if (!match) return NextResponse.next();
  const id = Number(match[2]);
  if (match[1] === "entities") {
    const entity = await db.entity.findUnique({ where: { id }, select: { mergedIntoId: true } });
    if (entity?.mergedIntoId) return NextResponse.redirect(new URL(`/entities/${entity.mergedIntoId}`, request.url), 301);
    return NextResponse.next();
  }
  const record = await db.archivalRecord.findUnique({ where: { id }, select: { status: true } });
  if (record?.status !== "withdrawn") return NextResponse.next();
  return NextResponse.rewrite(new URL(`/gone/records/${id}`, request.url), { status: 410 });
}
