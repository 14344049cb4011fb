import { readFile } from "node:fs/promises";
import { PostbagError } from "../errors.ts";
import type { ReceivedMessage } from "../mail-in/receive-message.ts";
import { output, parseCommandArgs } from "./args.ts";
import { UsageError, type Command } from "./command.ts";

export const repliesCommand: Command = {
  help: `Usage: postbag replies import <file.eml>... [--json]
       postbag replies poll [--once] [--json]

import  takes in saved messages (.eml): each is kept, matched to the letter it
        answers (reply address, In-Reply-To/References, sender's domain) and
        recorded as its reply, or held for a person (/manage/inbox).
        Auto-replies and bounces are never counted as replies; a permanent
        bounce marks its letter returned. Importing a message twice changes nothing.
poll    reads new messages from the IMAP mailbox (POSTBAG_IMAP_HOST, _PORT,
        _SECURITY, _USER, _PASSWORD, _MAILBOX) and takes each in; --once reads
        once and exits, otherwise every POSTBAG_IMAP_POLL_SECONDS until stopped.`,
  async run(args, services, io) {
    const [action, ...rest] = args;
    if (action === "import") return importMessages(rest, services, io);
    if (action === "poll") return poll(rest, services, io);
    throw new UsageError(action ? `unknown replies action "${action}"` : "say import or poll");
  },
};

const importMessages: Command["run"] = async (args, services, io) => {
  const { values, positionals } = parseCommandArgs(args, {});
  if (positionals.length === 0) throw new UsageError("give at least one .eml file");
  const app = services();
  const results: (ReceivedMessage & { file: string })[] = [];
  for (const file of positionals) {
    const raw = await readFile(file).catch(() => {
      throw new PostbagError("not_found", "the file cannot be read", { file });
    });
    results.push({ file, ...(await app.receiveMessage({ raw, source: "eml" })) });
  }
  output(io, values.json, results, () => results.map(describe).join("\n"));
  return 0;
};

const poll: Command["run"] = async (args, services, io) => {
  const { values } = parseCommandArgs(args, { once: { type: "boolean", default: false } });
  const app = services();
  const log = (line: string) => io.stderr.write(`postbag: ${line}\n`);
  for (;;) {
    const result = await app.pollMailbox(log);
    output(io, values.json, result, () =>
      [
        `${result.mailbox}: ${result.received.length} received, ${result.failed.length} failed`,
        ...result.received.map((message) => `  UID ${message.uid}: ${describe(message)}`),
      ].join("\n"),
    );
    if (values.once) return result.failed.length > 0 ? 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, app.config.imap.pollSeconds * 1000));
  }
};

function describe(message: ReceivedMessage & { file?: string }): string {
  const what = message.duplicate
    ? "already received"
    : message.state === "held"
      ? "held for a person"
      : message.kind === "reply"
        ? `recorded as a reply (matched by ${message.matchedBy})`
        : message.state === "matched"
          ? `${message.kind}, not counted as a reply`
          : `${message.kind}, ignored`;
  const problems = message.problems.length > 0 ? ` [${message.problems.join("; ")}]` : "";
  return `${message.file ? `${message.file}: ` : ""}"${message.subject}" from ${message.from}: ${what}${problems}`;
}
