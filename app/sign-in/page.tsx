import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/layout/sign-in-form";
import type { PageProps } from "@/components/ui/list-params";
import { ssoSignInAction } from "@/server/auth/actions";
import { safeCallbackUrl } from "@/server/auth/callback-url";
import { ssoProvider } from "@/server/auth/config";
import { getSessionUser } from "@/server/auth/session";
import { SSO_MESSAGES, type SsoRefusal } from "@/server/auth/sso";
import { mailConfigured } from "@/server/mail/mailer";

export const metadata: Metadata = { title: "Sign in" };

/** next-auth's own error codes (from /api/auth/error) and ours (institutional sign-in). */
function errorMessage(code: unknown): string | undefined {
  if (typeof code !== "string" || !code) return undefined;
  if (code in SSO_MESSAGES) return SSO_MESSAGES[code as SsoRefusal];
  if (code === "CredentialsSignin") return undefined; // the form shows its own message
  return "Sign-in did not complete. Try again; if it keeps failing, ask an administrator.";
}

export default async function SignInPage({ searchParams }: PageProps<unknown>) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl);
  const error = errorMessage(params.error);
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="font-serif text-3xl font-semibold">Sign in</h1>
      <p className="mt-2 mb-6 text-sm text-muted">For editors, reviewers and admins. Reading the archive needs no account.</p>
      {error && <p className="mb-5 rounded border border-seal/40 bg-seal/5 px-4 py-3 text-sm text-seal" data-testid="sign-in-error">{error}</p>}
      {ssoProvider && (
        <>
          <form action={ssoSignInAction}>
            <input type="hidden" name="callbackUrl" value={callbackUrl} />
            <button type="submit" className="w-full rounded border border-accent px-4 py-2 font-medium text-accent hover:bg-accent/5">
              Sign in with {ssoProvider.name}
            </button>
          </form>
          <p className="my-5 flex items-center gap-3 text-xs uppercase tracking-wide text-muted before:h-px before:flex-1 before:bg-rule after:h-px after:flex-1 after:bg-rule">or with a password</p>
        </>
      )}
      <SignInForm callbackUrl={callbackUrl} />
      <p className="mt-4 text-sm text-muted">
        {mailConfigured() ? <a href="/forgot-password" className="text-accent underline">Forgot your password?</a> : "Forgot your password? Ask an administrator for a reset link."}
      </p>
    </div>
  );
}
