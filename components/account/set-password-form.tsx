"use client";
// Choosing a password through a one-time link: an invitation (with a name) or a reset.
import { useMutation } from "@tanstack/react-query";
import Link from "@/components/ui/link";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { FormError, FormSuccess, NewPasswordFields, newPasswordOf, passwordInput, SubmitButton } from "./new-password-fields";

export function SetPasswordForm({ token, kind, email, name }: { token: string; kind: "invitation" | "password_reset"; email: string; name?: string }) {
  const trpc = useTRPC();
  const accept = useMutation(trpc.account.acceptInvitation.mutationOptions());
  const reset = useMutation(trpc.account.resetPassword.mutationOptions());
  const mutation = kind === "invitation" ? accept : reset;
  const [mismatch, setMismatch] = useState(false);

  if (mutation.isSuccess) {
    return (
      <FormSuccess>
        <p>{kind === "invitation" ? "Your account is ready." : "Your password is changed."}</p>
        <p className="mt-2"><Link href={`/sign-in?email=${encodeURIComponent(email)}`} className="font-medium">Sign in as {email}</Link></p>
      </FormSuccess>
    );
  }
  return (
    <form
      className="space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        const password = newPasswordOf(form);
        setMismatch(password === null);
        if (password === null) return;
        if (kind === "invitation") accept.mutate({ token, name: String(form.get("name") ?? ""), password });
        else reset.mutate({ token, password });
      }}
    >
      <FormError message={mismatch ? "The two passwords differ." : mutation.error?.message} />
      <p className="text-sm text-muted">Account: <span className="font-medium text-ink">{email}</span></p>
      {kind === "invitation" && (
        <div>
          <label htmlFor="name" className="block text-sm font-medium">Your name</label>
          <input id="name" name="name" autoComplete="name" required defaultValue={name} className={passwordInput} />
        </div>
      )}
      <NewPasswordFields />
      <SubmitButton pending={mutation.isPending} label={kind === "invitation" ? "Create my account" : "Set new password"} />
    </form>
  );
}
