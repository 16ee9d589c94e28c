"use server";
// Server actions behind the sign-in and sign-out forms.
import { AuthError } from "next-auth";
import { safeCallbackUrl } from "./callback-url";
import { signIn, signOut, TooManyAttempts } from "./config";

export interface SignInState {
  error?: string;
  email?: string;
}

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "");
  try {
    await signIn("credentials", {
      email,
      password: String(form.get("password") ?? ""),
      redirectTo: safeCallbackUrl(form.get("callbackUrl")),
    });
    return {};
  } catch (error) {
    if (error instanceof TooManyAttempts || (error instanceof AuthError && (error as { code?: string }).code === "rate_limited")) {
      const seconds = (error as TooManyAttempts).retryAfterSeconds;
      const minutes = seconds ? Math.max(1, Math.ceil(seconds / 60)) : 15;
      return { email, error: `Too many failed sign-ins. For your security, try again in ${minutes} minute${minutes === 1 ? "" : "s"}.` };
    }
    if (error instanceof AuthError) return { email, error: "That email and password do not match an active account." };
    throw error; // includes Next's redirect on success
  }
}

export async function signOutAction() {
  await signOut({ redirectTo: "/" });
}
