import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { PreferencesForm } from "@/components/account/preferences-form";
import { hasRole } from "@/server/auth/roles";
import { PageHeading } from "@/components/ui/page-heading";
import { getApi } from "@/server/api/server-caller";
import { ssoProvider } from "@/server/auth/config";
import { getSessionUser } from "@/server/auth/session";

export const metadata: Metadata = { title: "Your account" };
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in?callbackUrl=/account");
  const overview = await (await getApi()).account.overview();
  return (
    <div>
      <PageHeading eyebrow="Account" title={user.name} />
      <p className="mb-6 text-sm text-muted">{user.email} · {user.role}{user.trusted ? " (trusted)" : ""}</p>
      {overview.identities.length > 0 && (
        <section className="mb-8">
          <h2 className="mb-2 font-serif text-xl">Institutional sign-in</h2>
          <ul className="text-sm">
            {overview.identities.map((i) => (
              <li key={i.issuer}>{ssoProvider?.name ?? new URL(i.issuer).host}{i.email ? ` as ${i.email}` : ""} · last used {i.lastUsedAt.toISOString().slice(0, 16).replace("T", " ")} UTC</li>
            ))}
          </ul>
        </section>
      )}
      {hasRole(user, "reviewer") && (
        <section className="mb-8" aria-labelledby="preferences-heading">
          <h2 id="preferences-heading" className="mb-3 font-serif text-xl">Preferences</h2>
          <PreferencesForm reviewShortcuts={overview.preferences.reviewShortcuts} />
        </section>
      )}
      <h2 className="mb-3 font-serif text-xl">{overview.hasPassword ? "Change password" : "Password"}</h2>
      {overview.hasPassword ? (
        <ChangePasswordForm />
      ) : (
        <p className="max-w-md text-sm text-muted">You sign in through your institution and have no Dossier password. If you need one, ask an administrator for a password-reset link.</p>
      )}
    </div>
  );
}
