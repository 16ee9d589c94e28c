import type { Metadata } from "next";
import { signOutAction } from "@/server/auth/actions";
import { getSessionUser } from "@/server/auth/session";

export const metadata: Metadata = { title: "Sign out" };

export default async function SignOutPage() {
  const user = await getSessionUser();
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="font-serif text-3xl font-semibold">Sign out</h1>
      {user ? (
        <form action={signOutAction} className="mt-6">
          <p className="mb-4 text-muted">You are signed in as {user.email}.</p>
          <button type="submit" className="rounded bg-accent px-4 py-2 font-medium text-white hover:bg-accent-strong">Sign out</button>
        </form>
      ) : (
        <p className="mt-4 text-muted">You are signed out.</p>
      )}
    </div>
  );
}
