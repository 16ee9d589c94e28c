import type { Metadata } from "next";
import { TrustedToggle } from "@/components/admin/trusted-toggle";
import { InviteForm, RoleSelect, UserRowActions } from "@/components/admin/user-actions";
import type { PageProps } from "@/components/ui/list-params";
import { PageHeading } from "@/components/ui/page-heading";
import { getApi } from "@/server/api/server-caller";
import { requireRole } from "@/server/auth/guard";

export const metadata: Metadata = { title: "Users" };
export const dynamic = "force-dynamic";

function stateOf(u: { disabled: boolean; invited: boolean; role: string | null }) {
  if (u.disabled) return "disabled";
  if (!u.role) return "awaiting role";
  return u.invited ? "invited" : "active";
}

export default async function UsersPage({ searchParams }: PageProps<unknown>) {
  const me = await requireRole("admin", "/admin/users");
  const q = typeof (await searchParams).q === "string" ? String((await searchParams).q).slice(0, 200) : "";
  const users = await (await getApi()).users.list({ q });
  return (
    <div>
      <PageHeading eyebrow="Admin" title="Users" />
      <InviteForm />
      <form role="search" className="mb-4 flex gap-2 text-sm">
        <label htmlFor="user-q" className="sr-only">Find a user</label>
        <input id="user-q" name="q" type="search" defaultValue={q} placeholder="Name or email" className="w-64 rounded border border-stone-300 px-2 py-1" />
        <button type="submit" className="rounded border border-stone-300 px-3 py-1">Find</button>
        {q && <a href="/admin/users" className="self-center text-accent underline">Show everyone</a>}
      </form>
      <p className="mb-4 max-w-3xl text-sm text-muted">
        <strong>Changes</strong>: a <em>trusted</em> editor&rsquo;s changes are published on submission (still audited); other editors&rsquo;
        changes wait for a reviewer. Reviewers&rsquo; and admins&rsquo; own changes always go to another reviewer, so trust applies to editors only.
      </p>
      {users.length === 0 && <p className="text-sm text-muted">Nobody matches “{q}”.</p>}
      {/* Wide on a phone: it scrolls inside this region, not the page (focusable, so keys scroll it too). */}
      <div className="overflow-x-auto" role="region" aria-label="Users" tabIndex={0}>
      <table className="w-full text-left text-sm [&_td]:pr-4 [&_th]:pr-4">
        <thead className="border-b border-rule text-muted">
          <tr><th className="py-2">Name</th><th>Email</th><th>Role</th><th>Changes</th><th>State</th><th>Last sign-in</th><th>Account</th></tr>
        </thead>
        <tbody className="divide-y divide-rule">
          {users.map((u) => (
            <tr key={u.id}>
              <td className="py-2 font-medium">{u.name}</td>
              <td>{u.email}</td>
              <td><RoleSelect userId={u.id} name={u.name} role={u.role} self={u.id === me.id} /></td>
              <td>{u.role === "editor" ? <TrustedToggle userId={u.id} name={u.name} trusted={u.trusted} /> : <span className="text-muted" title="Reviewers' and admins' own changes always go to another reviewer">—</span>}</td>
              <td className={!u.role && !u.disabled ? "font-medium text-seal" : undefined}>{stateOf(u)}{u.sso && <span className="ml-1 rounded bg-stone-100 px-1 text-xs text-muted" title="Signs in through the institution">SSO</span>}</td>
              <td>{u.lastSignInAt?.toISOString().slice(0, 16).replace("T", " ") ?? "never"}</td>
              <td><UserRowActions userId={u.id} name={u.name} disabled={u.disabled} self={u.id === me.id} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </div>
  );
}
