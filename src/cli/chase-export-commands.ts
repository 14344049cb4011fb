import { resolve } from "node:path";
import { cliActor, output, parseCommandArgs, requireValue, today } from "./args.ts";
import { UsageError, type Command } from "./command.ts";

export const chaseCommand: Command = {
  help: `Usage: postbag chase <campaign> [--as-of <date>] [--by <email>] [--json]

For every recipient whose reply is overdue, a draft chaser letter from chaser.md in
the campaign folder (the template language, plus ((original date)), ((due date)) and
((outstanding items))), linked to the letter it chases.`,
  async run(args, services, io) {
    const { values, positionals } = parseCommandArgs(args, {
      "as-of": { type: "string" },
      by: { type: "string" },
    });
    if (positionals.length !== 1) throw new UsageError("give exactly one campaign id");
    const result = await services().chaseLetters({
      campaign: positionals[0] ?? "",
      asOf: values["as-of"] ?? today(),
      actor: cliActor(values.by),
    });
    output(io, values.json, result, () =>
      result.chasers.length
        ? `Drafted ${result.chasers.length} chasers: ${result.chasers.map((chaser) => chaser.recipient).join(", ")}`
        : "No overdue letter needs a new chaser",
    );
    return 0;
  },
};

export const exportCommand: Command = {
  help: `Usage: postbag export <campaign> --format csv|xlsx --out <file> [--as-of <date>] [--json]

Writes the status table: one row per recipient, one column per requested item.`,
  async run(args, services, io) {
    const { values, positionals } = parseCommandArgs(args, {
      format: { type: "string" },
      out: { type: "string" },
      "as-of": { type: "string" },
    });
    if (positionals.length !== 1) throw new UsageError("give exactly one campaign id");
    const format = requireValue(values.format, "--format csv|xlsx");
    if (format !== "csv" && format !== "xlsx") throw new UsageError("--format must be csv or xlsx");
    const out = resolve(requireValue(values.out, "--out <file>"));
    const result = await services().exportStatus({
      campaign: positionals[0] ?? "",
      asOf: values["as-of"] ?? today(),
      format,
      out,
    });
    output(io, values.json, result, () => `Wrote ${result.rows} rows to ${result.out}`);
    return 0;
  },
};
