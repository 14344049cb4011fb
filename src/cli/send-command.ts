import { resolve } from "node:path";
import { cliActor, output, parseCommandArgs, requireValue } from "./args.ts";
import { UsageError, type Command } from "./command.ts";
import { PostbagError } from "../errors.ts";

export const sendCommand: Command = {
  help: `Usage: postbag send <campaign> [--recipient <id>] --via email|post|notify [--out <dir>] [--chasers] [--dry-run] [--by <email>] [--json]

Sends approved letters. By email (POSTBAG_SMTP_HOST…): each goes to the
recipient's "email" column with the approved PDF attached, the letter as the
body and a Reply-To address of its own; letters without an email address are
listed and left approved. A returned letter is sent again when named with
--recipient (after its address is corrected, or another way). A fault of the
mail set-up (connection, TLS, login, sender) stops the command at once with
its reason; nothing is recorded as sent. By notify: through GOV.UK Notify's
precompiled-letter API (POSTBAG_NOTIFY_API_KEY). Both run as jobs: the
command queues the letters, then sends them (at most POSTBAG_SEND_PER_MINUTE a
minute) until none of the campaign's letters is still on its way, with
progress on stderr. If it is stopped, run it again: nothing is lost, and a
letter is sent twice only if it was leaving at that moment (with the same
Message-ID). By post: writes the print pack into --out and records its letters
as sent by post today.
--chasers sends the approved chasers instead (postbag chase drafts them): by
email each answers its letter's message, with the letter's reply address; a
chaser whose body has replied, or whose letter was withdrawn, is not sent.
--dry-run says what would be sent and changes nothing.`,
  async run(args, services, io) {
    const { values, positionals } = parseCommandArgs(args, {
      recipient: { type: "string" },
      via: { type: "string" },
      out: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      chasers: { type: "boolean", default: false },
      by: { type: "string" },
    });
    const kind = values.chasers ? "chaser" : "letter";
    const what = values.chasers ? "chasers" : "letters";
    if (positionals.length !== 1) throw new UsageError("give exactly one campaign id");
    const via = requireValue(values.via, "--via email|post|notify");
    if (!["email", "post", "notify"].includes(via))
      throw new UsageError("--via must be email, post or notify");
    const campaign = positionals[0] ?? "";
    const app = services();
    const actor = cliActor(values.by);
    const dryRun = values["dry-run"];
    if (via === "post") {
      const result = await app.sendByPost({
        campaign,
        recipient: values.recipient,
        out: resolve(requireValue(values.out, "--out <dir>")),
        dryRun,
        actor,
        kind,
      });
      output(io, values.json, result, () =>
        "pack" in result && result.pack
          ? `Wrote a print pack of ${result.pack.letters} ${what} to ${result.out}; recorded ${result.sent.length} as sent by post`
          : `Would print ${"letters" in result ? (result.letters?.length ?? 0) : 0} ${what} into ${result.out}`,
      );
      return 0;
    }
    if (via === "email" && !app.config.smtp.host && !dryRun) {
      throw new UsageError(
        "sending by email needs POSTBAG_SMTP_HOST (and POSTBAG_SMTP_PORT, POSTBAG_MAIL_FROM)",
      );
    }
    try {
      const queued = await app.enqueueLetters({
        campaign,
        recipient: values.recipient,
        via,
        dryRun,
        actor,
        kind,
      });
      for (const skipped of queued.skipped)
        io.stderr.write(`Not queued: ${skipped.recipient}: ${skipped.reason}\n`);
      if (dryRun) {
        output(io, values.json, queued, () =>
          queued.queued.length
            ? queued.queued
                .map(
                  (letter) =>
                    `Would send: ${letter.recipient} to ${letter.to || "Notify"} ${letter.messageId}`,
                )
                .join("\n")
            : "No approved letters to send",
        );
        return 0;
      }
      io.stderr.write(`Queued ${queued.queued.length} letter(s); sending…\n`);
      const tally = await app.runSendWorker({
        campaign,
        progress: (line) => io.stderr.write(`${line}\n`),
      });
      if (tally.setupFault !== undefined) {
        throw new PostbagError(
          "mail_setup",
          `email could not be sent: ${tally.setupFault}. Nothing was recorded as sent: the letters stay as they were. Correct the mail settings (README: "Send letters and take in replies") and run postbag send again.`,
        );
      }
      const result = { ...queued, ...tally };
      output(
        io,
        values.json,
        result,
        () =>
          `Sent ${tally.sent}, returned ${tally.returned}, failed ${tally.failed}` +
          (queued.skipped.length ? `; ${queued.skipped.length} not queued (see above)` : ""),
      );
      return 0;
    } finally {
      await app.stopSending();
    }
  },
};
