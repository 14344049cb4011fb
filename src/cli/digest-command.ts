import { toCsv } from "../files/write-table.ts";
import { digestTable, questionText } from "../digest/digest-table.ts";
import type { CampaignDigest } from "../digest/campaign-digest.ts";
import { output, parseCommandArgs } from "./args.ts";
import { UsageError, type Command } from "./command.ts";
import { progressBar } from "./progress.ts";

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
    const progress = progressBar("Building the digest", io.stderr);
    // Built first when the replies changed since the last build: the command waits for it.
    const app = services();
    const digest = await app.campaignDigest({
      campaign: positionals[0] ?? "",
      refresh: "wait",
      onProgress: (_step, done, total) => {
        if (total > 0) progress.update(done, total);
      },
    });
    progress.end();
    if (values.csv) {
      io.stdout.write(toCsv(digestTable(digest, app.config.office.publicUrl)));
      return 0;
    }
    output(io, values.json, digest, () => digestText(digest));
    return 0;
  },
};

function digestText(digest: CampaignDigest): string {
  const accepted = `${digest.accepted} of ${digest.bodies.length * digest.questions.length} answers accepted`;
  const lines = [`${digest.title} (${digest.campaign}): what the replies say (${accepted})`];
  for (const body of digest.bodies) {
    lines.push("", body.name);
    for (const cell of body.cells) {
      const state = cell.itemState ? ` [${cell.itemState}]` : "";
      lines.push(`  ${questionText(digest, cell)}${state}`, ...cellLines(cell));
    }
  }
  return lines.join("\n");
}

/** A decided cell says its answer and who decided; else the proposal and its passage. */
function cellLines(cell: CampaignDigest["bodies"][number]["cells"][number]): string[] {
  const answer = cell.answer;
  if (answer?.decision === "accepted") {
    const where = answer.quote ? ` ("${clip(answer.quote)}", ${whereOf(answer)})` : "";
    return [`    accepted by ${answer.decidedBy}: ${answer.value}${where}`];
  }
  const top = cell.passages[0];
  const rejected = answer?.decision === "rejected" ? [`    rejected by ${answer.decidedBy}`] : [];
  if (!top) return [...rejected, "    nothing found"];
  const proposed = cell.proposed ? `proposed: ${cell.proposed.value} ` : "";
  return [...rejected, `    ${proposed}"${clip(top.text)}" (${whereOf(top)})`];
}

function whereOf(passage: { file: string | null; page: number | null }): string {
  const file = passage.file ?? "the reply's text";
  return passage.page ? `${file}, page ${passage.page}` : file;
}

function clip(text: string, max = 160): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
