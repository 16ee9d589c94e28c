"use client";
// Admin actions on /admin/users: invite a person, issue a reset link, disable or enable.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/components/trpc/provider";

/** A one-time link, shown once for the admin to copy and hand over. */
function OneTimeLink({ url, expiresAt, what, emailed, email }: { url: string; expiresAt: Date; what: string; emailed: boolean; email: string }) {
  return (
    <div role="status" className="mt-3 rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm">
      <p>
        {what} link (works once, until {expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC).{" "}
        {emailed ? `Sent to ${email} by email; you can also copy it now:` : "Copy it now and hand it over; it is not shown again:"}
      </p>
      <input readOnly value={url} aria-label={`${what} link`} onFocus={(e) => e.currentTarget.select()} className="mt-1 w-full rounded border border-stone-300 bg-white px-2 py-1 font-mono text-xs" />
    </div>
  );
}

export function InviteForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const invite = useMutation(trpc.users.invite.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <section aria-labelledby="invite-heading" className="mb-8 rounded border border-rule bg-white p-4">
      <h2 id="invite-heading" className="font-serif text-lg">Invite someone</h2>
      <form
        className="mt-3 flex flex-wrap items-end gap-3 text-sm"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          invite.mutate({ email: String(form.get("email")), name: String(form.get("name")), role: String(form.get("role")) as "editor" | "reviewer" | "admin" });
        }}
      >
        <label className="flex flex-col">Email<input name="email" type="email" required className="mt-1 rounded border border-stone-300 px-2 py-1" /></label>
        <label className="flex flex-col">Name<input name="name" required className="mt-1 rounded border border-stone-300 px-2 py-1" /></label>
        <label className="flex flex-col">Role
          <select name="role" defaultValue="editor" className="mt-1 rounded border border-stone-300 px-2 py-1">
            <option value="editor">editor</option><option value="reviewer">reviewer</option><option value="admin">admin</option>
          </select>
        </label>
        <button type="submit" disabled={invite.isPending} className="rounded bg-accent px-3 py-1.5 font-medium text-white disabled:opacity-60">Create invitation</button>
      </form>
      {invite.error && <p role="alert" className="mt-2 text-sm text-seal">{invite.error.message}</p>}
      {invite.data && <OneTimeLink {...invite.data} what={`Invitation for ${invite.data.email}`} />}
    </section>
  );
}

export function UserRowActions({ userId, name, disabled, self }: { userId: string; name: string; disabled: boolean; self: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const reset = useMutation(trpc.users.issuePasswordReset.mutationOptions());
  const setDisabled = useMutation(trpc.users.setDisabled.mutationOptions({ onSuccess: () => router.refresh() }));
  const error = reset.error ?? setDisabled.error;
  return (
    <div className="text-xs">
      <div className="flex gap-3">
        <button type="button" className="text-accent underline" onClick={() => reset.mutate({ userId })} aria-label={`Password-reset link for ${name}`}>Reset link</button>
        {!self && (
          <button type="button" className="text-accent underline" onClick={() => setDisabled.mutate({ userId, disabled: !disabled })} aria-label={`${disabled ? "Enable" : "Disable"} ${name}`}>
            {disabled ? "Enable" : "Disable"}
          </button>
        )}
      </div>
      {error && <p role="alert" className="text-seal">{error.message}</p>}
      {reset.data && <OneTimeLink {...reset.data} what={`Password reset for ${reset.data.email}`} />}
    </div>
  );
}

/** Admins change another user's role; effective on that user's next request. */
export function RoleSelect({ userId, name, role, self }: { userId: string; name: string; role: "editor" | "reviewer" | "admin" | null; self: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const setRole = useMutation(trpc.users.setRole.mutationOptions({ onSuccess: () => router.refresh() }));
  if (self) return <span>{role}</span>;
  return (
    <span>
      <select
        aria-label={`Role of ${name}`} value={role ?? ""} disabled={setRole.isPending}
        onChange={(e) => setRole.mutate({ userId, role: e.target.value as "editor" | "reviewer" | "admin" })}
        className="rounded border border-stone-300 bg-white px-1 py-0.5"
      >
        {role === null && <option value="">no role yet</option>}
        <option value="editor">editor</option><option value="reviewer">reviewer</option><option value="admin">admin</option>
      </select>
      {setRole.error && <span role="alert" className="ml-2 text-xs text-seal">{setRole.error.message}</span>}
    </span>
  );
}
