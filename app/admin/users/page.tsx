import type { Metadata } from "next";
import { TrustedToggle } from "@/components/admin/trusted-toggle";
import { InviteForm, RoleSelect, UserRowActions } from "@/components/admin/user-actions";
import { PageHeading } from "@/components/ui/page-heading";
import { getApi } from "@/server/api/server-caller";
import { requireRole } from "@/server/auth/guard";

export const metadata: Metadata = { title: "Users" };
export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const me = await requireRole("admin", "/admin/users");
  const users = await (await getApi()).users.list();
  return (
    <div>
      <PageHeading eyebrow="Admin" title="Users" />
      <InviteForm />
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
              <td>{u.role === "editor" || u.trusted ? <TrustedToggle userId={u.id} name={u.name} trusted={u.trusted} /> : <span className="text-muted">—</span>}</td>
              <td>{u.disabled ? "disabled" : u.invited ? "invited" : "active"}</td>
              <td>{u.lastSignInAt?.toISOString().slice(0, 16).replace("T", " ") ?? "never"}</td>
              <td><UserRowActions userId={u.id} name={u.name} disabled={u.disabled} self={u.id === me.id} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
