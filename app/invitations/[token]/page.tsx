import type { Metadata } from "next";
import { LinkPage } from "@/components/account/link-page";

export const metadata: Metadata = { title: "Accept invitation", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  return <LinkPage token={(await params).token} kind="invitation" />;
}
