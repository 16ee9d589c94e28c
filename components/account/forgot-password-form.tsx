"use client";
// "Forgot your password?": the answer never says whether the address has an account.
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/provider";
import { FormError, FormSuccess, passwordInput, SubmitButton } from "./new-password-fields";

export function ForgotPasswordForm() {
  const trpc = useTRPC();
  const request = useMutation(trpc.account.requestPasswordReset.mutationOptions());
  if (request.isSuccess) {
    return (
      <FormSuccess className="text-sm">
        If {request.data.email} belongs to an account here, a reset link is on its way. Check your inbox (and spam folder) in a few minutes.
      </FormSuccess>
    );
  }
  return (
    <form
      className="space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        request.mutate({ email: String(new FormData(e.currentTarget).get("email") ?? "") });
      }}
    >
      <FormError message={request.error?.message} />
      <div>
        <label htmlFor="email" className="block text-sm font-medium">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required className={passwordInput} />
      </div>
      <SubmitButton pending={request.isPending} label="Send me a reset link" pendingLabel="Sending…" />
    </form>
  );
}
