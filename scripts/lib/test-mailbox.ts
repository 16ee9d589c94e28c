// A real SMTP server that keeps what it receives, for tests and local trials of outgoing mail
// (smtp-server and mailparser, both by nodemailer's author). Optionally readable over HTTP,
// as MailHog is: GET /messages answers every message received, newest last.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html?: string;
}

export async function startTestMailbox(options: { smtpPort?: number; httpPort?: number } = {}) {
  const messages: ReceivedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth: (_auth, _session, done) => done(null, { user: "test" }),
    onData(stream, _session, done) {
      simpleParser(stream)
        .then((mail) => {
          const to = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) => a.value.map((v) => v.address ?? ""));
          messages.push({ from: mail.from?.text ?? "", to, subject: mail.subject ?? "", text: mail.text ?? "", html: mail.html || undefined });
          done();
        })
        .catch((error: Error) => done(error));
    },
  });
  await new Promise<void>((resolve) => smtp.listen(options.smtpPort ?? 0, "127.0.0.1", () => resolve()));
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  let http: Server | undefined;
  if (options.httpPort !== undefined) {
    http = createServer((req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(req.url?.startsWith("/messages") ? messages : []));
    });
    await new Promise<void>((resolve) => http!.listen(options.httpPort, "127.0.0.1", () => resolve()));
  }

  return {
    url: `smtp://test:test@127.0.0.1:${smtpPort}`,
    messages,
    /** The messages to one address, waiting up to `ms` for the first. */
    async to(address: string, ms = 5000) {
      const deadline = Date.now() + ms;
      while (Date.now() < deadline) {
        const found = messages.filter((m) => m.to.includes(address));
        if (found.length) return found;
        await new Promise((r) => setTimeout(r, 25));
      }
      return [];
    },
    close: async () => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      if (http) await new Promise<void>((resolve) => http!.close(() => resolve()));
    },
  };
}
