import { parseItemUpdate } from "../campaigns/records/record-reply.ts";
import { cliActor, output, parseCommandArgs, requireValue } from "./args.ts";
import { UsageError, type Command } from "./command.ts";

export const recordReplyCommand: Command = {
  help: `Usage: postbag record-reply <campaign> --recipient <id> --on <date> [--file <path>]...
         [--item <item-id>=received|declined|not-held|public:<url>]... [--via post|email|hand] [--by <email>] [--json]

Records a reply to a sent letter, keeps its files, and sets what it says of each requested item.`,
  async run(args, services, io) {
    const { values, positionals } = parseCommandArgs(args, {
      recipient: { type: "string" },
      on: { type: "string" },
      file: { type: "string", multiple: true },
      item: { type: "string", multiple: true },
      via: { type: "string" },
      by: { type: "string" },
    });
    if (positionals.length !== 1) throw new UsageError("give exactly one campaign id");
    const result = await services().recordReply({
      campaign: positionals[0] ?? "",
      recipient: requireValue(values.recipient, "--recipient <id>"),
      on: requireValue(values.on, "--on <date>"),
      channel: values.via ?? "post",
      files: values.file ?? [],
      items: (values.item ?? []).map(parseItemUpdate),
      actor: cliActor(values.by),
    });
    output(
      io,
      values.json,
      result,
      () => `Recorded the reply from ${result.recipient} with ${result.files.length} files`,
    );
    return 0;
  },
};
