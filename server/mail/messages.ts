// The words of Dossier's mail. Plain text: it reads the same in every client and carries no
// tracking or remote content.
import { env } from "../env";

const stamp = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
const site = () => new URL(env.APP_URL).host;

export function invitationMail(input: { to: string; name: string; role: string; url: string; expiresAt: Date }) {
  return {
    to: input.to,
    subject: `You are invited to Dossier (${site()})`,
    text: [
      `Hello ${input.name},`,
      "",
      `You have been invited to the Dossier archive at ${site()} as ${/^[aeiou]/.test(input.role) ? "an" : "a"} ${input.role}.`,
      "Choose your password and sign in here (the link works once):",
      "",
      input.url,
      "",
      `The link expires on ${stamp(input.expiresAt)}. If you did not expect this invitation, ignore this message.`,
    ].join("\n"),
  };
}

export function passwordResetMail(input: { to: string; url: string; expiresAt: Date }) {
  return {
    to: input.to,
    subject: `Reset your Dossier password (${site()})`,
    text: [
      "Someone (hopefully you, or an administrator for you) asked to reset the password of your",
      `Dossier account at ${site()}. Choose a new password here (the link works once):`,
      "",
      input.url,
      "",
      `The link expires on ${stamp(input.expiresAt)}. If you did not ask for this, ignore this message:`,
      "your password stays as it is.",
    ].join("\n"),
  };
}
