import { output, parseCommandArgs, requireValue } from "./args.ts";
import { UsageError, type Command } from "./command.ts";

export const approveCommand: Command = {
  help: `Usage: postbag approve <campaign> [--recipient <id>] --by <email> [--chasers] [--json]

Freezes draft letters (their content hash) so they can be sent. --by names an
approver or admin. --chasers approves draft chasers instead.`,
  async run(args, services, io) {
    const { values, positionals } = parseCommandArgs(args, {
      recipient: { type: "string" },
      by: { type: "string" },
      chasers: { type: "boolean", default: false },
    });
    const what = values.chasers ? "chasers" : "letters";
    if (positionals.length !== 1) throw new UsageError("give exactly one campaign id");
    const result = await services().approveLetters({
      campaign: positionals[0] ?? "",
      recipient: values.recipient,
      by: requireValue(values.by, "--by <email>"),
      kind: values.chasers ? "chaser" : "letter",
    });
    output(io, values.json, result, () =>
      result.approved.length
        ? `Approved ${result.approved.length} ${what}: ${result.approved.join(", ")}`
        : `No draft ${what} to approve`,
    );
    return 0;
  },
};
