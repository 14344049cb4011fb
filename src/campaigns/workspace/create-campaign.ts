import { stringify } from "yaml";
import { PostbagError } from "../../errors.ts";
import { toCsv } from "../../files/write-table.ts";
import type { ImportSummary } from "../records/import-campaign.ts";
import { REQUIRED_COLUMNS } from "../recipients.ts";
import { removeIfNeverImported } from "./clean-workspace.ts";
import { withCampaignLock, workspaceOf } from "./campaign-lock.ts";
import { folderPathOf, type WorkspaceDeps } from "./campaign-workspace.ts";
import { campaignYamlOf, type CampaignForm } from "./campaign-form.ts";
import { DEFAULT_CHASER } from "../chasers/chaser-template.ts";
import { exists, swapFolder, writeFiles } from "./swap-folder.ts";

// A new campaign from the web form: a complete folder (a folder without a
// template or a recipient would not import), with the default chaser, made in
// the workspace and imported.

const STARTER_LETTER = `I am writing to you, as ((title)), to ask for your help.

This is the start of your letter: replace it with your own. A column's name in double brackets, like ((title)) above, is replaced by each recipient's value.

I look forward to receiving your reply.
`;

/** The columns Postbag knows, and one row to show how they are filled in (replace it). */
const EXAMPLE_ROW: Record<string, string> = {
  id: "example-council",
  name: "Alex Example",
  title: "Chief Executive",
  // The body written to: the board, the directory and the public site name it.
  organisation: "Example Council",
  address_line_1: "Example Council Offices",
  address_line_2: "1 High Street",
  address_line_3: "Exampletown",
  postcode: "EX1 1AA",
  salutation: "Dear Alex",
  email: "",
  nation: "england",
};

export async function createCampaign(
  { form, actor }: { form: CampaignForm; actor: string },
  deps: WorkspaceDeps,
): Promise<ImportSummary> {
  const yaml = campaignYamlOf(form);
  const { id } = yaml;
  return withCampaignLock(id, deps, async () => {
    const target = workspaceOf(id, deps);
    await removeIfNeverImported(id, deps);
    if ((await folderPathOf(id, deps)) !== null || (await exists(target))) {
      throw new PostbagError("bad_input", `a campaign "${id}" already exists: choose another id`, {
        field: "id",
      });
    }
    const columns = [...new Set([...REQUIRED_COLUMNS, ...Object.keys(EXAMPLE_ROW)])];
    const recipients = toCsv({ columns, rows: [columns.map((column) => EXAMPLE_ROW[column] ?? "")] });
    return swapFolder({
      target,
      fill: (staging) =>
        writeFiles(staging, {
          "campaign.yaml": stringify(yaml),
          "letter.md": STARTER_LETTER,
          "chaser.md": DEFAULT_CHASER,
          "recipients.csv": recipients,
        }),
      then: () => deps.importCampaign({ dir: target, actor }),
    });
  });
}
