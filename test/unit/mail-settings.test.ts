import { describe, expect, it } from "vitest";
import { mailSettings } from "../../src/cli/serve-command.ts";
import { readConfig } from "../../src/config.ts";

// What `postbag serve` says at start about mail (issue 15).
describe("the mail settings serve reports", () => {
  it("says email, IMAP and Notify are off, and how to turn each on", () => {
    expect(mailSettings(readConfig({}))).toEqual([
      "Email: off (set POSTBAG_SMTP_HOST to send letters by email)",
      "Replies by IMAP: off (set POSTBAG_IMAP_HOST to read replies from a mailbox)",
      "GOV.UK Notify: off (set POSTBAG_NOTIFY_API_KEY to post letters through Notify)",
    ]);
  });

  it("names the server, port, security and account of each, never a password", () => {
    const lines = mailSettings(
      readConfig({
        POSTBAG_SMTP_HOST: "smtp.office.example",
        POSTBAG_SMTP_PORT: "465",
        POSTBAG_SMTP_SECURITY: "tls",
        POSTBAG_SMTP_USER: "letters",
        POSTBAG_SMTP_PASSWORD: "secret-smtp",
        POSTBAG_MAIL_FROM: "Office <letters@office.example>",
        POSTBAG_IMAP_HOST: "imap.office.example",
        POSTBAG_IMAP_PASSWORD: "secret-imap",
      }),
    );
    expect(lines[0]).toBe(
      "Email: on, through smtp.office.example:465 (tls, as letters), from Office <letters@office.example>",
    );
    expect(lines[1]).toMatch(
      /^Replies by IMAP: on, from INBOX on imap\.office\.example:993 \(tls\), every \d+ s$/,
    );
    expect(lines.join("\n")).not.toMatch(/secret/);
  });
});
