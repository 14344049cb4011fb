import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { toCsv, type Row } from "./campaign-factory.ts";
import type { SmtpRecorder } from "./smtp-recorder.ts";
import { startTestApp, type TestApp } from "./web-app.ts";

/**
 * The demo campaign's app, sending email to `recorder` (a real SMTP server on
 * loopback, plain text), with these recipients given these email addresses.
 */
export function startMailingApp(recorder: SmtpRecorder, emails: Record<string, string>): Promise<TestApp> {
  return startTestApp("pglite", {
    editCampaign(dir) {
      const file = join(dir, "recipients.csv");
      const rows = parse(readFileSync(file, "utf8"), { columns: true }) as Row[];
      for (const row of rows) {
        const email = row.id === undefined ? undefined : emails[row.id];
        if (email !== undefined) row.email = email;
      }
      writeFileSync(file, toCsv(Object.keys(rows[0] ?? {}), rows));
    },
    env: {
      POSTBAG_SMTP_HOST: "127.0.0.1",
      POSTBAG_SMTP_PORT: String(recorder.port),
      POSTBAG_SMTP_SECURITY: "none",
      POSTBAG_MAIL_FROM: "Office <office@postbag.example>",
    },
  });
}
