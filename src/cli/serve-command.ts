import type { Config } from "../config.ts";
import type { Command } from "./command.ts";

export const serveCommand: Command = {
  stopsOnSignals: true,
  runsForDays: true,
  alone: true,
  help: `Usage: postbag serve

Opens (and migrates) the database; on first start creates an admin
(POSTBAG_ADMIN_EMAIL, default admin@localhost; password from POSTBAG_ADMIN_PASSWORD,
else generated and printed once) and imports the demo campaign (once: later starts
keep what was changed in the web app); and serves Postbag on HOST:PORT (default 127.0.0.1:3000).`,
  async run(_args, services, io) {
    const { startWebServer } = await import("../web/server.ts");
    const app = services();
    // Servers starting together on one PostgreSQL take turns: one admin, one demo import.
    const { admin, cleaned, demo } = await app.exclusively("first-start", async () => ({
      admin: await app.ensureAdmin(),
      cleaned: await app.cleanUpAfterCrash(),
      demo: await app.ensureDemoCampaign(),
    }));
    if (admin) {
      const password = admin.generatedPassword
        ? `password ${admin.generatedPassword} (shown only now: keep it safe)`
        : "the password in POSTBAG_ADMIN_PASSWORD";
      io.stdout.write(`Created the admin ${admin.email}, ${password}\n`);
    }
    if (cleaned.length > 0) {
      io.stdout.write(`Cleaned up after an earlier stop: ${cleaned.join(", ")}\n`);
    }
    const how = demo.imported ? "is loaded" : "was loaded before";
    io.stdout.write(`Demo campaign ${demo.campaign} ${how} (${app.config.dataDir})\n`);
    for (const line of mailSettings(app.config)) io.stdout.write(`${line}\n`);
    const web = await startWebServer(app);
    // Letters queued in the web app go out from here; replies come in from here.
    const sending = new AbortController();
    const sent =
      app.config.smtp.host || app.config.notify.apiKey
        ? app
            .runSendWorker({ signal: sending.signal, progress: (line) => io.stdout.write(`${line}\n`) })
            .catch((error: Error) => io.stderr.write(`postbag: sending stopped: ${error.message}\n`))
        : undefined;
    const stopPolling = app.startReplyPolling((line) => io.stderr.write(`postbag: ${line}\n`));
    // Runs until stopped; then finishes what is under way, so the database is
    // closed and the data folder given up for the next owner.
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    io.stdout.write(`Stopping (${signal})…\n`);
    stopPolling?.();
    await web.close();
    sending.abort();
    await sent;
    await app.stopSending();
    return 0;
  },
};

/** What mail this server sends and reads, said once at start: a set-up without email is never a silent one. */
export function mailSettings({ smtp, imap, notify }: Config): string[] {
  const email = smtp.host
    ? `Email: on, through ${smtp.host}:${smtp.port} (${smtp.security}${smtp.user ? `, as ${smtp.user}` : ""}), from ${smtp.from}`
    : "Email: off (set POSTBAG_SMTP_HOST to send letters by email)";
  const replies = imap.host
    ? `Replies by IMAP: on, from ${imap.mailbox} on ${imap.host}:${imap.port} (${imap.security}), every ${imap.pollSeconds} s`
    : "Replies by IMAP: off (set POSTBAG_IMAP_HOST to read replies from a mailbox)";
  const post = notify.apiKey
    ? "GOV.UK Notify: on"
    : "GOV.UK Notify: off (set POSTBAG_NOTIFY_API_KEY to post letters through Notify)";
  return [email, replies, post];
}
