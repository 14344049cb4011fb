import { toCsv } from "../files/write-table.ts";
import { digestTable, questionText } from "../digest/digest-table.ts";
import type { CampaignDigest } from "../digest/build-digest.ts";
import { output, parseCommandArgs } from "./args.ts";
import { UsageError, type Command } from "./command.ts";

export const digestCommand: Command = {
  help: `Usage: postbag digest <campaign> [--json|--csv]

What every body said, question by question: each requested item and each of
campaign.yaml's questions, with the passage of the body's replies most likely
to answer it (its file and page) and the value proposed from it (yes/no, a
date, a number, an amount). Proposals only, until a person accepts them.
--csv writes one row per body and question.`,
  async run(args, services, io) {
    const { values, positionals } = parseCommandArgs(args, { csv: { type: "boolean", default: false } });
    if (positionals.length !== 1) throw new UsageError("give exactly one campaign id");
    if (values.json && values.csv) throw new UsageError("choose --json or --csv, not both");
    const digest = await services().campaignDigest({ campaign: positionals[0] ?? "" });
    if (values.csv) {
      io.stdout.write(toCsv(digestTable(digest)));
      return 0;
    }
    output(io, values.json, digest, () => digestText(digest));
    return 0;
  },
};

function digestText(digest: CampaignDigest): string {
  const lines = [`${digest.title} (${digest.campaign}): what the replies say (proposed, not yet accepted)`];
  for (const body of digest.bodies) {
    lines.push("", body.name);
    for (const cell of body.cells) {
      const top = cell.passages[0];
      const state = cell.itemState ? ` [${cell.itemState}]` : "";
      const proposed = cell.proposed ? ` → ${cell.proposed.value}` : "";
      lines.push(`  ${questionText(digest, cell)}${state}${proposed}`);
      lines.push(
        top
          ? `    "${clip(top.text)}" (${top.file ?? "the reply's text"}, page ${top.page})`
          : "    nothing found",
      );
    }
  }
  return lines.join("\n");
}

function clip(text: string, max = 160): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
