import type { Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import type { Config } from "../config.ts";

// The SMTP side: one pooled nodemailer transport, and the rule that sorts an
// SMTP failure into "try again later" and "this will never work".

export interface OutgoingEmail {
  from: string;
  to: string;
  replyTo: string;
  messageId: string;
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

export class MailError extends Error {
  constructor(
    message: string,
    /** 4xx and connection trouble: retried; 5xx: the letter is returned. */
    readonly permanent: boolean,
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

/** SMTP 5xx is permanent (RFC 5321 §4.2.1); 4xx, timeouts and refused connections are worth retrying. */
export function classify(error: unknown): MailError {
  const smtpError = error as { responseCode?: number; response?: string; message?: string };
  const code = smtpError.responseCode;
  const message = (smtpError.response ?? smtpError.message ?? String(error)).trim();
  return new MailError(message, code !== undefined && code >= 500 && code < 600);
}

/** "Office <office@example.org>" → "office@example.org". */
function addressOf(mailbox: string): string {
  return /<([^>]+)>\s*$/.exec(mailbox)?.[1] ?? mailbox.trim();
}
