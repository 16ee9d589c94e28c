// Public: the Atom feed of newly published and revised records (server/feeds/atom.ts).
import { feedResponse } from "@/server/feeds/respond";

export const dynamic = "force-dynamic";

export async function GET() {
  return feedResponse({ kind: "archive" });
}
