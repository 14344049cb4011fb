import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { afterAll, describe, expect, it } from "vitest";
import type { Config } from "../../src/config.ts";
import { MailError, smtpMailer, type MailFailure } from "../../src/mail-out/mailer.ts";

// Issue 15: only the recipient's refusal returns a letter. Each case is a
// real SMTP server on loopback answering as real servers do, and the real
// nodemailer transport Postbag sends with.

const servers: SMTPServer[] = [];
afterAll(async () => {
  await Promise.all(
    servers.map((server) => new Promise((resolve) => server.close(() => resolve(undefined)))),
  );
});

async function serverOn(options: SMTPServerOptions): Promise<number> {
  const server = new SMTPServer({ logger: false, authOptional: true, ...options });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.server.address() as AddressInfo).port;
}

const refuse = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

function mailerTo(port: number, smtp: Partial<Config["smtp"]> = {}) {
  return smtpMailer({
    host: "127.0.0.1",
    port,
    security: "none",
    user: undefined,
    password: undefined,
    from: "Office <office@postbag.test>",
    replyDomain: "postbag.test",
    perMinute: 60,
    expireSeconds: 20,
    ...smtp,
  });
}

async function failureOf(
  port: number,
  smtp: Partial<Config["smtp"]> = {},
  to = "ceo@council.test",
): Promise<{ failure: MailFailure; message: string }> {
  const mailer = mailerTo(port, smtp);
  try {
    await mailer.send({
      from: "Office <office@postbag.test>",
      to,
      replyTo: "replies+token@postbag.test",
      messageId: "<letter-1-v1.campaign@postbag.test>",
      subject: "A letter",
      headers: {},
      html: "<p>Dear CEO</p>",
      text: "Dear CEO",
      attachments: [],
    });
  } catch (error) {
    expect(error).toBeInstanceOf(MailError);
    return { failure: (error as MailError).failure, message: (error as MailError).message };
  } finally {
    mailer.close();
  }
  throw new Error("the letter was accepted");
}

describe("a failure to send is sorted into refusal, later, or the set-up", () => {
  it("a recipient refused with 550 at RCPT TO: refused", async () => {
    const port = await serverOn({
      disabledCommands: ["AUTH", "STARTTLS"],
      onRcptTo: (_address, _session, callback) => callback(refuse(550, "5.1.1 no such mailbox here")),
    });
    expect(await failureOf(port)).toEqual({ failure: "refused", message: "550 5.1.1 no such mailbox here" });
  });

  it("a message refused with 554 after DATA: refused", async () => {
    const port = await serverOn({
      disabledCommands: ["AUTH", "STARTTLS"],
      onData(stream, _session, callback) {
        stream.resume();
        stream.on("end", () => callback(refuse(554, "5.7.1 message content rejected")));
      },
    });
    expect(await failureOf(port)).toMatchObject({ failure: "refused" });
  });

  it("a recipient deferred with 451: later", async () => {
    const port = await serverOn({
      disabledCommands: ["AUTH", "STARTTLS"],
      onRcptTo: (_address, _session, callback) => callback(refuse(451, "4.2.0 greylisted, try again")),
    });
    expect(await failureOf(port)).toMatchObject({ failure: "later" });
  });

  it("a server without STARTTLS while STARTTLS is required (it answers 500): the set-up, named", async () => {
    const port = await serverOn({ disabledCommands: ["AUTH", "STARTTLS"] });
    const { failure, message } = await failureOf(port, { security: "starttls" });
    expect(failure).toBe("setup");
    expect(message).toMatch(/^the mail server does not offer STARTTLS \(POSTBAG_SMTP_SECURITY=starttls\): /);
  });

  it("a login refused with 535: the set-up", async () => {
    const port = await serverOn({
      disabledCommands: ["STARTTLS"],
      authOptional: false,
      allowInsecureAuth: true,
      onAuth: (_auth, _session, callback) => callback(refuse(535, "5.7.8 authentication failed")),
    });
    const { failure, message } = await failureOf(port, { user: "office", password: "wrong" });
    expect(failure).toBe("setup");
    expect(message).toMatch(/refused the login \(POSTBAG_SMTP_USER, POSTBAG_SMTP_PASSWORD\): .*535/);
  });

  it("the sender refused with 553 at MAIL FROM: the set-up", async () => {
    const port = await serverOn({
      disabledCommands: ["AUTH", "STARTTLS"],
      onMailFrom: (_address, _session, callback) => callback(refuse(553, "5.7.1 sender not allowed")),
    });
    const { failure, message } = await failureOf(port);
    expect(failure).toBe("setup");
    expect(message).toMatch(/refused the sender address \(POSTBAG_MAIL_FROM\)/);
  });

  it("nothing listening, or TLS spoken to a plain server: the set-up", async () => {
    const closed = await serverOn({ disabledCommands: ["AUTH", "STARTTLS"] });
    await new Promise((resolve) => servers.pop()?.close(() => resolve(undefined)));
    const refused = await failureOf(closed);
    expect(refused.failure).toBe("setup");
    expect(refused.message).toMatch(/^could not connect to the mail server .*ECONNREFUSED/);

    const plain = await serverOn({ disabledCommands: ["AUTH", "STARTTLS"] });
    expect(await failureOf(plain, { security: "tls" })).toMatchObject({ failure: "setup" });
  });
});
