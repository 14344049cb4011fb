import { output, parseCommandArgs, today } from "./args.ts";
import { UsageError, type Command } from "./command.ts";

export const statusCommand: Command = {
  help: `Usage: postbag status <campaign> [--as-of <date>] [--json]

Per recipient: the letter's state, when it was sent and is due, each requested
item's state, and whether the reply is overdue or very overdue; then totals.`,
  async run(args, services, io) {
    const { values, positionals } = parseCommandArgs(args, { "as-of": { type: "string" } });
    if (positionals.length !== 1) throw new UsageError("give exactly one campaign id");
    const status = await services().campaignStatus({
      campaign: positionals[0] ?? "",
      asOf: values["as-of"] ?? today(),
    });
    output(io, values.json, status, () => {
      const rows = status.letters.map((letter) => {
        const flag = letter.veryOverdue ? " VERY OVERDUE" : letter.overdue ? " OVERDUE" : "";
        const items = letter.items.map((item) => `${item.id}: ${item.state}`).join("; ");
        return `${letter.recipient}  ${letter.state}  sent ${letter.sent ?? "-"}  due ${letter.due ?? "-"}${flag}\n    ${items}`;
      });
      const states = Object.entries(status.totals.byState).map(([state, count]) => `${count} ${state}`);
      return [
        `${status.title} (${status.campaign}) as of ${status.asOf}`,
        ...rows,
        `Total: ${status.totals.letters} letters (${states.join(", ")}); ${status.totals.overdue} overdue, ${status.totals.veryOverdue} very overdue`,
      ].join("\n");
    });
    return 0;
  },
};

export const overdueCommand: Command = {
  help: `Usage: postbag overdue [--as-of <date>] [--json]

Every letter, across all campaigns, still waiting for its reply after the due date.`,
  async run(args, services, io) {
    const { values, positionals } = parseCommandArgs(args, { "as-of": { type: "string" } });
    if (positionals.length > 0) throw new UsageError("overdue takes no campaign: it lists all of them");
    const result = await services().overdueLetters({ asOf: values["as-of"] ?? today() });
    output(io, values.json, result, () =>
      [
        `${result.letters.length} letters overdue as of ${result.asOf}`,
        ...result.letters.map(
          (letter) =>
            `${letter.campaign}/${letter.recipient}  due ${letter.due}${letter.veryOverdue ? "  VERY OVERDUE" : ""}  ${letter.name}`,
        ),
      ].join("\n"),
    );
    return 0;
  },
};
