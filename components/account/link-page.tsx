// The page behind an invitation or reset link: the form, or why the link no longer works.
import Link from "@/components/ui/link";
import { getApi } from "@/server/api/server-caller";
import { SetPasswordForm } from "./set-password-form";

export async function LinkPage({ token, kind }: { token: string; kind: "invitation" | "password_reset" }) {
  const valid = /^[A-Za-z0-9_-]{20,100}$/.test(token);
  const link = valid ? await (await getApi()).account.link({ token, kind }) : null;
  const title = kind === "invitation" ? "Join the Dossier editing desk" : "Choose a new password";
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="font-serif text-3xl font-semibold">{title}</h1>
      {link ? (
        <div className="mt-6"><SetPasswordForm token={token} kind={kind} email={link.email} name={link.name} /></div>
      ) : (
        <div role="alert" className="mt-6 rounded border border-seal/40 bg-seal/5 px-4 py-3 text-sm">
          <p>This link is not valid: it was already used, replaced by a newer one, or has expired.</p>
          <p className="mt-2">Ask an admin for a new link, or <Link href="/sign-in">sign in</Link> if you already have a password.</p>
        </div>
      )}
    </div>
  );
}
