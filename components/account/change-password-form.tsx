"use client";
// A signed-in user changes their own password; other sessions end, so they sign in again.
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";

const input = "mt-1 block w-full rounded border border-stone-300 bg-white px-3 py-2 shadow-sm";

export function ChangePasswordForm() {
  const trpc = useTRPC();
  const change = useMutation(trpc.account.changePassword.mutationOptions());
  const [mismatch, setMismatch] = useState(false);
  if (change.isSuccess) {
    return (
      <p role="status" className="rounded border border-emerald-300 bg-emerald-50 px-4 py-3">
        Your password is changed and every session has ended. <Link href="/sign-in?callbackUrl=/account">Sign in again</Link>.
      </p>
    );
  }
  return (
    <form
      className="max-w-md space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        const newPassword = String(form.get("newPassword") ?? "");
        const differs = newPassword !== String(form.get("confirm") ?? "");
        setMismatch(differs);
        if (!differs) change.mutate({ currentPassword: String(form.get("currentPassword") ?? ""), newPassword });
      }}
    >
      {(change.error || mismatch) && (
        <p role="alert" className="rounded border border-seal/40 bg-seal/5 px-4 py-3 text-sm text-seal">
          {mismatch ? "The two new passwords differ." : change.error!.message}
        </p>
      )}
      <div>
        <label htmlFor="currentPassword" className="block text-sm font-medium">Current password</label>
        <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required className={input} />
      </div>
      <div>
        <label htmlFor="newPassword" className="block text-sm font-medium">New password</label>
        <input id="newPassword" name="newPassword" type="password" autoComplete="new-password" required minLength={12} className={input} />
      </div>
      <div>
        <label htmlFor="confirm" className="block text-sm font-medium">New password again</label>
        <input id="confirm" name="confirm" type="password" autoComplete="new-password" required className={input} />
      </div>
      <button type="submit" disabled={change.isPending} className="rounded bg-accent px-4 py-2 font-medium text-white hover:bg-accent-strong disabled:opacity-60">
        {change.isPending ? "Saving…" : "Change password"}
      </button>
    </form>
  );
}
