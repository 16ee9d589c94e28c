import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/layout/sign-in-form";
import type { PageProps } from "@/components/ui/list-params";
import { safeCallbackUrl } from "@/server/auth/callback-url";
import { getSessionUser } from "@/server/auth/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: PageProps<unknown>) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl);
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="font-serif text-3xl font-semibold">Sign in</h1>
      <p className="mt-2 mb-6 text-sm text-muted">For editors, reviewers and admins. Reading the archive needs no account.</p>
      <SignInForm callbackUrl={callbackUrl} />
    </div>
  );
}
