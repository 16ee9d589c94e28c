// Public: the Atom feed of a collection's newly published and revised records.
import { feedResponse } from "@/server/feeds/respond";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ slug: string }> }) {
  const slug = (await params).slug;
  return /^[a-z0-9-]{1,100}$/.test(slug) ? feedResponse({ kind: "collection", slug }) : feedResponse(null);
}
