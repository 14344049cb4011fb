import { isPostbagError } from "../errors.ts";
import { explainDeadline, skippedBankHolidays } from "../campaigns/deadlines/explain.ts";
import { longDate, parseIsoDate } from "../campaigns/deadlines/iso-date.ts";
import { parseNation, NATION_NAMES } from "../campaigns/deadlines/nation.ts";
import { addWorkingDays, checkWorkingDays } from "../campaigns/deadlines/working-days.ts";
import { parseCommandArgs } from "./args.ts";
import { UsageError, type Command } from "./command.ts";

const HELP = `Usage: postbag deadline --from <date> --working-days <n> [options]

The due date of a reply: <n> working days after <date>, which is day 0.
Saturdays, Sundays and the nation's bank holidays (with substitute days) do not count.

Options:
  --from <date>            the day the letter was sent, as YYYY-MM-DD (required)
  --working-days <n>       the reply window, a whole number of working days (required)
  --nation <nation>        england (default), wales, scotland or northern-ireland
  --json                   print the result as JSON
  -h, --help               show this help`;

// A pure calculation: no campaign, no database, so it needs no services.
export const deadlineCommand: Command = {
  offline: true,
  help: HELP,
  async run(args, _services, io) {
    const { values, positionals } = parseCommandArgs(args, {
      from: { type: "string" },
      "working-days": { type: "string" },
      nation: { type: "string" },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (values.from === undefined) throw new UsageError("--from <date> is required");
    if (values["working-days"] === undefined) throw new UsageError("--working-days <n> is required");
    const from = asUsage("--from", () => parseIsoDate(values.from ?? "", "from"));
    const workingDays = asUsage("--working-days", () =>
      checkWorkingDays(wholeNumber(values["working-days"])),
    );
    const nation = asUsage("--nation", () => parseNation(values.nation)) ?? "england";

    const deadline = addWorkingDays({ from, workingDays, nation });
    const explanation = explainDeadline(deadline);
    if (values.json) {
      const result = { ...deadline, explanation };
      io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    }
    const holidays = skippedBankHolidays(deadline);
    const lines = [`Due ${deadline.due} (${longDate(deadline.due)})`, "", `${explanation}.`];
    if (holidays.length > 0) {
      lines.push("", `Bank holidays skipped (${NATION_NAMES[nation]}):`);
      for (const day of holidays) lines.push(`  ${longDate(day.date).padEnd(28)}${day.reason}`);
    }
    io.stdout.write(`${lines.join("\n")}\n`);
    return 0;
  },
};

/** "20" → 20; "20.5" or "twenty" are refused here (as text: Number() would accept "2e1" or "0x14"). */
function wholeNumber(text: string | undefined): number {
  if (!/^\s*\d+\s*$/.test(text ?? "")) {
    throw new UsageError(`--working-days takes a whole number of working days, 0 or more (got "${text}")`);
  }
  return Number(text);
}

/** The rules' bad_input errors, reported as bad arguments (exit 2, with this command's help). */
function asUsage<T>(option: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (isPostbagError(error) && error.code === "bad_input")
      throw new UsageError(`${option}: ${error.detail}`);
    throw error;
  }
}
