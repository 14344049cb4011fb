import type { Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import type { Config } from "../config.ts";

// The SMTP side: one pooled nodemailer transport, and the rule that sorts an
// SMTP failure into a refusal of this letter, "try again later", and a
// fault of Postbag's own mail set-up that no retry will mend.

export interface OutgoingEmail {
  from: string;
  to: string;
  replyTo: string;
  messageId: string;
  /** A chaser answers its letter's message: that Message-ID, in both headers. */
  inReplyTo?: string;
  references?: string;
  subject: string;
  headers: Record<string, string>;
  html: string;
  text: string;
  attachments: { filename: string; content: Buffer; contentType: string }[];
}

export interface Mailer {
  /** Resolves with the server's answer (its queue id is in it); throws a MailError. */
  send(email: OutgoingEmail): Promise<{ response: string }>;
  close(): void;
}

/**
 * - refused: the recipient's server refused this letter for good (a 5xx to
 *   RCPT TO or DATA): the letter is returned.
 * - later: a 4xx: the same letter is tried again, with backoff.
 * - setup: the connection, TLS, authentication, the sender address or the
 *   settings themselves: nothing about this letter, so it stays approved
 *   and the reason is shown; every other letter would meet the same fault.
 */
export type MailFailure = "refused" | "later" | "setup";

export class MailError extends Error {
  constructor(
    message: string,
    readonly failure: MailFailure,
  ) {
    super(message);
  }
}

export function smtpMailer(smtp: Config["smtp"]): Mailer {
  // nodemailer is loaded with the first letter sent (a command starts without it).
  let opened: Promise<Transporter<SMTPTransport.SentMessageInfo>> | undefined;
  const transport = () =>
    (opened ??= import("nodemailer").then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        host: smtp.host,
        port: smtp.port,
        secure: smtp.security === "tls",
        ignoreTLS: smtp.security === "none",
        requireTLS: smtp.security === "starttls",
        ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? "" } } : {}),
        // Together below the job's expiry (send-queue.ts), so a live send never looks orphaned.
        connectionTimeout: Math.min(30_000, smtp.expireSeconds * 200),
        greetingTimeout: Math.min(30_000, smtp.expireSeconds * 200),
        socketTimeout: Math.min(60_000, smtp.expireSeconds * 400),
      }),
    ));
  return {
    async send(email) {
      try {
        const info = await (
          await transport()
        ).sendMail({
          ...email,
          // nodemailer would otherwise replace the Message-ID it is given with none of ours.
          messageId: email.messageId,
          // The envelope is the To address only: Reply-To and From are headers.
          envelope: { from: addressOf(email.from), to: email.to },
        });
        return { response: info.response };
      } catch (error) {
        throw classify(error);
      }
    },
    close: () => void opened?.then((open) => open.close()),
  };
}

/** Commands whose answer is about the recipient or the message, not about Postbag's connection. */
const ABOUT_THE_LETTER = new Set(["RCPT TO", "DATA"]);

/**
 * Sorts nodemailer's error (its `command`, and the server's `responseCode`):
 * a 5xx is permanent (RFC 5321 §4.2.1), but only a 5xx to RCPT TO or DATA
 * refuses the letter; a 500 to STARTTLS or a 535 to AUTH is our set-up.
 */
export function classify(error: unknown): MailError {
  const smtpError = error as { responseCode?: number; response?: string; message?: string; command?: string };
  const code = smtpError.responseCode;
  const message = (smtpError.response ?? smtpError.message ?? String(error)).trim();
  if (code !== undefined && code >= 400 && code < 500) return new MailError(message, "later");
  const aboutTheLetter = ABOUT_THE_LETTER.has(smtpError.command ?? "");
  if (code !== undefined && code >= 500 && code < 600 && aboutTheLetter)
    return new MailError(message, "refused");
  return new MailError(setUpFault(smtpError.command, smtpError.message ?? message), "setup");
}

/** The set-up fault in words a person can act on, with the server's own message. */
function setUpFault(command: string | undefined, message: string): string {
  const step =
    command === "STARTTLS"
      ? "the mail server does not offer STARTTLS (POSTBAG_SMTP_SECURITY=starttls)"
      : command?.startsWith("AUTH")
        ? "the mail server refused the login (POSTBAG_SMTP_USER, POSTBAG_SMTP_PASSWORD)"
        : command === "MAIL FROM"
          ? "the mail server refused the sender address (POSTBAG_MAIL_FROM)"
          : command === "CONN"
            ? "could not connect to the mail server (POSTBAG_SMTP_HOST, POSTBAG_SMTP_PORT, POSTBAG_SMTP_SECURITY)"
            : "the mail server could not be used";
  return `${step}: ${message}`;
}

/** "Office <office@example.org>" → "office@example.org". */
function addressOf(mailbox: string): string {
  return /<([^>]+)>\s*$/.exec(mailbox)?.[1] ?? mailbox.trim();
}
