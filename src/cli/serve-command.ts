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
