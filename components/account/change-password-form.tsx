"use client";
// A signed-in user changes their own password; other sessions end, so they sign in again.
import { useMutation } from "@tanstack/react-query";
import Link from "@/components/ui/link";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { FormError, FormSuccess, NewPasswordFields, newPasswordOf, passwordInput, SubmitButton } from "./new-password-fields";

export function ChangePasswordForm() {
  const trpc = useTRPC();
  const change = useMutation(trpc.account.changePassword.mutationOptions());
  const [mismatch, setMismatch] = useState(false);
  if (change.isSuccess) {
    return (
      <FormSuccess>
        Your password is changed and every session has ended. <Link href="/sign-in?callbackUrl=/account">Sign in again</Link>.
      </FormSuccess>
    );
  }
  return (
    <form
      className="max-w-md space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        const newPassword = newPasswordOf(form);
        setMismatch(newPassword === null);
        if (newPassword !== null) change.mutate({ currentPassword: String(form.get("currentPassword") ?? ""), newPassword });
      }}
    >
      <FormError message={mismatch ? "The two new passwords differ." : change.error?.message} />
      <div>
        <label htmlFor="currentPassword" className="block text-sm font-medium">Current password</label>
        <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required className={passwordInput} />
      </div>
      <NewPasswordFields />
      <SubmitButton pending={change.isPending} label="Change password" wide={false} />
    </form>
  );
}
