"use client";
import { useActionState } from "react";
import { signInAction, type SignInState } from "@/server/auth/actions";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {});
  return (
    <form action={action} className="space-y-5" noValidate={false}>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state.error && (
        <p role="alert" className="rounded border border-seal/40 bg-seal/5 px-4 py-3 text-sm text-seal">
          {state.error}
        </p>
      )}
      <div>
        <label htmlFor="email" className="block text-sm font-medium">Email</label>
        <input
          id="email" name="email" type="email" autoComplete="username" required defaultValue={state.email}
          className="mt-1 block w-full rounded border border-stone-300 bg-white px-3 py-2 shadow-sm"
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">Password</label>
        <input
          id="password" name="password" type="password" autoComplete="current-password" required
          className="mt-1 block w-full rounded border border-stone-300 bg-white px-3 py-2 shadow-sm"
        />
      </div>
      <button
        type="submit" disabled={pending}
        className="w-full rounded bg-accent px-4 py-2 font-medium text-white hover:bg-accent-strong disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
