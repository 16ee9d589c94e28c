import Link from "@/components/ui/link";
import { hasRole } from "@/server/auth/roles";
import { getSessionUser } from "@/server/auth/session";

export async function SiteHeader() {
  const user = await getSessionUser();
  return (
    <header className="site-chrome border-b border-rule bg-white/70">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-4 sm:px-6">
        <Link href="/" className="font-serif text-2xl font-semibold tracking-tight text-ink no-underline hover:text-ink">
          Dossier
        </Link>
        <nav aria-label="Main" className="flex flex-wrap items-center gap-x-5 gap-y-2 text-sm">
          <Link href="/">Archive</Link>
          <Link href="/search">Search</Link>
          <Link href="/browse/people">Browse</Link>
          {user && <Link href="/desk">Desk</Link>}
          {user && <Link href="/imports">Imports</Link>}
          {hasRole(user, "reviewer") && <Link href="/review">Review</Link>}
          {hasRole(user, "admin") && <Link href="/admin/users">Users</Link>}
          {hasRole(user, "admin") && <Link href="/admin/search">Search sync</Link>}
          {hasRole(user, "admin") && <Link href="/admin/audit">Audit log</Link>}
          {hasRole(user, "admin") && <Link href="/admin/export">Export</Link>}
          {user ? (
            <span className="flex items-center gap-3 text-muted">
              <Link href="/account" className="text-muted no-underline hover:text-ink" title="Your account">
                {user.name} <span className="rounded bg-stone-100 px-1.5 py-0.5 text-xs uppercase tracking-wide">{user.role}</span>
              </Link>
              <Link href="/sign-out">Sign out</Link>
            </span>
          ) : (
            <Link href="/sign-in" className="rounded border border-accent px-3 py-1 no-underline">
              Sign in
            </Link>
          )}
        </nav>
      </div>
    </header>
  );
}
