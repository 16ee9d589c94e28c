import type { Metadata } from "next";
import { LinkPage } from "@/components/account/link-page";

export const metadata: Metadata = { title: "Reset password", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  return <LinkPage token={(await params).token} kind="password_reset" />;
}
