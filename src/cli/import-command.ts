import { cliActor, output, parseCommandArgs } from "./args.ts";
import { UsageError, type Command } from "./command.ts";

export const importCommand: Command = {
  help: `Usage: postbag import <campaign-dir> [--by <email>] [--json]

Creates or updates the campaign from its folder (its id: "id" in campaign.yaml,
else the folder name). Importing the same folder again changes nothing; a changed
template or row makes new draft versions; a letter already sent is never rewritten.
A recipient whose row has left the file is removed with its letter if nothing was
ever sent to it; otherwise it is kept, and listed.`,
  async run(args, services, io) {
    const { values, positionals } = parseCommandArgs(args, { by: { type: "string" } });
    if (positionals.length !== 1) throw new UsageError("give exactly one campaign folder");
    const summary = await services().importCampaign({
      dir: positionals[0] ?? "",
      actor: cliActor(values.by),
      // Whoever runs the command holds the data itself: a published campaign's public text included.
      mayChangePublicText: true,
    });
    output(io, values.json, summary, () => {
      const { created, revised, unchanged, alreadySent } = summary.letters;
      const lines = [
        `${summary.created ? "Created" : "Imported"} campaign ${summary.campaign} (template version ${summary.templateVersion}):`,
        `  ${created} new letters, ${revised} revised, ${unchanged} unchanged`,
      ];
      if (alreadySent.length) lines.push(`  not rewritten, already sent: ${alreadySent.join(", ")}`);
      const { removed, kept } = summary.departed;
      if (removed.length)
        lines.push(`  removed, no longer in the file and never sent: ${removed.join(", ")}`);
      if (kept.length) lines.push(`  kept, no longer in the file but already sent: ${kept.join(", ")}`);
      return lines.join("\n");
    });
    return 0;
  },
};
