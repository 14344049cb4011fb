import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

// A real SMTP server on loopback that keeps every message it accepts, raw.
// It can refuse chosen recipients for good (550) or for now (451, n times).

export interface RecordedMessage {
  from: string;
  to: string[];
  raw: string;
}

export interface SmtpRecorder {
  port: number;
  messages: RecordedMessage[];
  /** RCPT TO this address is answered 550 (a permanent refusal). */
  refuse(address: string): void;
  /** RCPT TO this address is accepted again (its mailbox was made). */
  accept(address: string): void;
  /** RCPT TO this address is answered 451 the next `times` times, then accepted. */
  defer(address: string, times: number): void;
  close(): Promise<void>;
}

export async function startSmtpRecorder(): Promise<SmtpRecorder> {
  const messages: RecordedMessage[] = [];
  const refused = new Set<string>();
  const deferred = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    size: 50 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const to = address.address.toLowerCase();
      if (refused.has(to)) {
        return callback(Object.assign(new Error("5.1.1 no such mailbox here"), { responseCode: 550 }));
      }
      const left = deferred.get(to) ?? 0;
      if (left > 0) {
        deferred.set(to, left - 1);
        return callback(Object.assign(new Error("4.2.0 try again later"), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  // A client killed mid-conversation (the crash tests do it on purpose)
  // resets its connection: smtp-server reports that as an "error" event,
  // which, with no listener, would end the test process.
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    messages,
    refuse: (address) => refused.add(address.toLowerCase()),
    accept: (address) => refused.delete(address.toLowerCase()),
    defer: (address, times) => deferred.set(address.toLowerCase(), times),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
