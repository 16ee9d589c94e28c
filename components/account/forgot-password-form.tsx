"use client";
// "Forgot your password?": the answer never says whether the address has an account.
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/provider";
import { FormError, passwordInput } from "./new-password-fields";

export function ForgotPasswordForm() {
  const trpc = useTRPC();
  const request = useMutation(trpc.account.requestPasswordReset.mutationOptions());
  if (request.isSuccess) {
    return (
      <p role="status" className="rounded border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm">
        If {request.data.email} belongs to an account here, a reset link is on its way. Check your inbox (and spam folder) in a few minutes.
      </p>
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
      <button type="submit" disabled={request.isPending} className="w-full rounded bg-accent px-4 py-2 font-medium text-white hover:bg-accent-strong disabled:opacity-60">
        {request.isPending ? "Sending…" : "Send me a reset link"}
      </button>
    </form>
  );
}
