import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { PageHeading } from "@/components/ui/page-heading";
import { getSessionUser } from "@/server/auth/session";

export const metadata: Metadata = { title: "Your account" };
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in?callbackUrl=/account");
  return (
    <div>
      <PageHeading eyebrow="Account" title={user.name} />
      <p className="mb-6 text-sm text-muted">{user.email} · {user.role}{user.trusted ? " (trusted)" : ""}</p>
      <h2 className="mb-3 font-serif text-xl">Change password</h2>
      <ChangePasswordForm />
    </div>
  );
}
