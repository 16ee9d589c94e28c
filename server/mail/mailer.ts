// Outgoing mail through the SMTP server in SMTP_URL (nodemailer: the kept Node mail library:
// TLS, SMTP auth, MIME). Unset: no mail is sent, and the pages say so (links are
// shown to admins to hand over instead).
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "../env";

export function mailConfigured(): boolean {
  return !!env.SMTP_URL;
}

let transport: Transporter | undefined;

function getTransport(): Transporter {
  transport ??= nodemailer.createTransport(env.SMTP_URL!, { from: env.MAIL_FROM });
  return transport;
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Sends one message; answers false (and logs why) if it could not be handed to the server. */
export async function sendMail(mail: Mail): Promise<boolean> {
  if (!mailConfigured()) return false;
  try {
    await getTransport().sendMail(mail);
    return true;
  } catch (error) {
    console.warn(`Mail to ${mail.to} not sent: ${(error as Error).message}`);
    return false;
  }
}
