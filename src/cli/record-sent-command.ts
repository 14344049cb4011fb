import { cliActor, output, parseCommandArgs, requireValue } from "./args.ts";
import { UsageError, type Command } from "./command.ts";

export const recordSentCommand: Command = {
  help: `Usage: postbag record-sent <campaign> [--recipient <id>] --on <date> --via post|email|hand [--chasers] [--by <email>] [--json]

Records approved letters as sent outside Postbag, and works out when each reply
is due. --chasers records approved chasers instead (each due after the
campaign's chase_every interval).`,
  async run(args, services, io) {
    const { values, positionals } = parseCommandArgs(args, {
      recipient: { type: "string" },
      on: { type: "string" },
      via: { type: "string" },
      by: { type: "string" },
      chasers: { type: "boolean", default: false },
    });
    if (positionals.length !== 1) throw new UsageError("give exactly one campaign id");
    const result = await services().recordSent({
      campaign: positionals[0] ?? "",
      recipient: values.recipient,
      on: requireValue(values.on, "--on <date>"),
      via: requireValue(values.via, "--via post|email|hand"),
      actor: cliActor(values.by),
      kind: values.chasers ? "chaser" : "letter",
    });
    output(io, values.json, result, () =>
      result.sent.length
        ? result.sent
            .map((letter) => `Sent: ${letter.recipient}${letter.due ? `, reply due ${letter.due}` : ""}`)
            .join("\n")
        : `No approved ${values.chasers ? "chasers" : "letters"} to record as sent`,
    );
    return 0;
  },
};
