import { output, parseCommandArgs, requireValue } from "./args.ts";
import { UsageError, type Command } from "./command.ts";

export const approveCommand: Command = {
  help: `Usage: postbag approve <campaign> [--recipient <id>] --by <email> [--json]

Freezes draft letters (their content hash) so they can be sent. --by names an
approver or admin.`,
  async run(args, services, io) {
    const { values, positionals } = parseCommandArgs(args, {
      recipient: { type: "string" },
      by: { type: "string" },
    });
    if (positionals.length !== 1) throw new UsageError("give exactly one campaign id");
    const result = await services().approveLetters({
      campaign: positionals[0] ?? "",
      recipient: values.recipient,
      by: requireValue(values.by, "--by <email>"),
    });
    output(io, values.json, result, () =>
      result.approved.length
        ? `Approved ${result.approved.length} letters: ${result.approved.join(", ")}`
        : "No draft letters to approve",
    );
    return 0;
  },
};
