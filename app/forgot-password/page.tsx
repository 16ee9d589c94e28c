import type { Metadata } from "next";
import { ForgotPasswordForm } from "@/components/account/forgot-password-form";
import { mailConfigured } from "@/server/mail/mailer";

export const metadata: Metadata = { title: "Forgot your password?" };
export const dynamic = "force-dynamic";

export default function ForgotPasswordPage() {
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="font-serif text-3xl font-semibold">Forgot your password?</h1>
      {mailConfigured() ? (
        <>
          <p className="mt-2 mb-6 text-sm text-muted">Enter the email address of your account. We send a link to choose a new password; it works once, for 24 hours.</p>
          <ForgotPasswordForm />
        </>
      ) : (
        <p className="mt-2 text-sm text-muted">This archive does not send email. Ask an administrator for a password-reset link.</p>
      )}
    </div>
  );
}
