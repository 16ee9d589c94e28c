// Parts shared by the password forms: the error box, and a new password typed twice.
export const passwordInput = "mt-1 block w-full rounded border border-stone-300 bg-white px-3 py-2 shadow-sm";

export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return <p role="alert" className="rounded border border-seal/40 bg-seal/5 px-4 py-3 text-sm text-seal">{message}</p>;
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
