// Parts shared by the account forms: the error and success boxes, the submit button, and a new
// password typed twice.
import type { ReactNode } from "react";

export const passwordInput = "mt-1 block w-full rounded border border-stone-300 bg-white px-3 py-2 shadow-sm";

export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return <p role="alert" className="rounded border border-seal/40 bg-seal/5 px-4 py-3 text-sm text-seal">{message}</p>;
}

export function FormSuccess({ children, className = "" }: { children: ReactNode; className?: string }) {
  return <div role="status" className={`rounded border border-emerald-300 bg-emerald-50 px-4 py-3 ${className}`}>{children}</div>;
}

/** The form's submit button, saying so while the request is on its way. */
export function SubmitButton({ pending, label, pendingLabel = "Saving…", wide = true }: { pending: boolean; label: string; pendingLabel?: string; wide?: boolean }) {
  return (
    <button type="submit" disabled={pending} className={`${wide ? "w-full " : ""}rounded bg-accent px-4 py-2 font-medium text-white hover:bg-accent-strong disabled:opacity-60`}>
      {pending ? pendingLabel : label}
    </button>
  );
}

/** The new password and its confirmation; the form reads `password` and `confirm`. */
export function NewPasswordFields() {
  return (
    <>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">New password</label>
        <input id="password" name="password" type="password" autoComplete="new-password" required minLength={12} className={passwordInput} aria-describedby="password-help" />
        <p id="password-help" className="mt-1 text-xs text-muted">At least 12 characters; a few unrelated words make a strong password.</p>
      </div>
      <div>
        <label htmlFor="confirm" className="block text-sm font-medium">New password again</label>
        <input id="confirm" name="confirm" type="password" autoComplete="new-password" required className={passwordInput} />
      </div>
    </>
  );
}

/** The new password from a form with NewPasswordFields, or null when the two differ. */
export function newPasswordOf(form: FormData): string | null {
  const password = String(form.get("password") ?? "");
  return password === String(form.get("confirm") ?? "") ? password : null;
}
