import type { Command } from "./command.ts";

export const serveCommand: Command = {
  help: `Usage: postbag serve

Opens (and migrates) the database; on first start creates an admin
(POSTBAG_ADMIN_EMAIL, default admin@localhost; password from POSTBAG_ADMIN_PASSWORD,
else generated and printed once) and imports the demo campaign (once: later starts
keep what was changed in the web app); and serves Postbag on HOST:PORT (default 127.0.0.1:3000).`,
  async run(_args, services) {
    const { startWebServer } = await import("../web/server.ts");
    const app = services();
    const admin = await app.ensureAdmin();
    if (admin) {
      const password = admin.generatedPassword
        ? `password ${admin.generatedPassword} (shown only now: keep it safe)`
        : "the password in POSTBAG_ADMIN_PASSWORD";
      process.stdout.write(`Created the admin ${admin.email}, ${password}\n`);
    }
    const cleaned = await app.cleanUpAfterCrash();
    if (cleaned.length > 0) {
      process.stdout.write(`Cleaned up after an earlier stop: ${cleaned.join(", ")}\n`);
    }
    const demo = await app.ensureDemoCampaign();
    const how = demo.imported ? "is loaded" : "was loaded before";
    process.stdout.write(`Demo campaign ${demo.campaign} ${how} (${app.config.dataDir})\n`);
    await startWebServer(app);
    // Letters queued in the web app go out from here; replies come in from here.
    if (app.config.smtp.host || app.config.notify.apiKey) {
      app
        .runSendWorker({ progress: (line) => process.stdout.write(`${line}\n`) })
        .catch((error: Error) => process.stderr.write(`postbag: sending stopped: ${error.message}\n`));
    }
    app.startReplyPolling((line) => process.stderr.write(`postbag: ${line}\n`));
    // Keep running: the server, not this function, decides when the process ends.
    await new Promise<never>(() => {});
    return 0;
  },
};
