// Public: the Atom feed of the newly published and revised records that mention an entity.
import { feedResponse } from "@/server/feeds/respond";
import { idFromParam } from "@/server/slug";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = idFromParam((await params).id);
  return feedResponse(id === null ? null : { kind: "entity", id });
}
