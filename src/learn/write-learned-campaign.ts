import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { stringify } from "yaml";
import { toCsv } from "../files/write-table.ts";
import { stageOutput } from "../files/staged-output.ts";
import type { LearnedCampaign } from "./learn-campaign.ts";
import { reportText } from "./write/learn-report.ts";

// Writes a learned campaign folder all or nothing: campaign.yaml, letter.md,
// recipients.csv and learn-report.md appear together or not at all.

export async function writeLearnedCampaign(learned: LearnedCampaign, out: string): Promise<string[]> {
  const staged = await stageOutput(out);
  const files: Record<string, string> = {
    "campaign.yaml": campaignYamlText(learned),
    "letter.md": learned.letterMarkdown,
    "recipients.csv": toCsv(learned.recipients, { guardFormulas: false }),
    "learn-report.md": reportText(learned.report, out),
  };
  try {
    for (const [name, text] of Object.entries(files)) await writeFile(join(staged.dir, name), text);
    await staged.commit();
  } catch (error) {
    await staged.abort();
    throw error;
  }
  return Object.keys(files);
}

function campaignYamlText({ campaign }: LearnedCampaign): string {
  const { sender, signatory } = campaign;
  const document = {
    title: campaign.title,
    date: campaign.date,
    letter: "letter.md",
    recipients: "recipients.csv",
    sender: { ...sender, address: sender.address },
    signatory,
  };
  return `# Learned by "postbag learn" from letters already sent: check it before use.\n${stringify(document)}`;
}
