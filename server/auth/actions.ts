"use server";
// Server actions behind the sign-in and sign-out forms.
import { AuthError } from "next-auth";
import { safeCallbackUrl } from "./callback-url";
import { describeWait } from "./sign-in-limiter";
import { OIDC_PROVIDER_ID, signIn, signOut, TooManyAttempts } from "./config";

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
      const seconds = (error as TooManyAttempts).retryAfterSeconds || 60;
      return { email, error: `Too many failed sign-ins. For your security, try again in ${describeWait(seconds)}.` };
    }
    if (error instanceof AuthError) return { email, error: "That email and password do not match an active account." };
    throw error; // includes Next's redirect on success
  }
}

/** Institutional sign-in: off to the identity provider, back to the page the user came from. */
export async function ssoSignInAction(form: FormData) {
  await signIn(OIDC_PROVIDER_ID, { redirectTo: safeCallbackUrl(form.get("callbackUrl")) });
}

export async function signOutAction() {
  await signOut({ redirectTo: "/" });
}
