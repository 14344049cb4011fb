import { PostbagError, throwIfProblems } from "../errors.ts";
import type { CampaignFolder } from "../files/read-campaign-folder.ts";
import { describeUnprintable, unprintableCharacter } from "../letters/font-coverage.ts";
import type { ParsedTemplate } from "../letters/template/parse-template.ts";
import { normaliseName } from "../letters/template/names.ts";
import type { RecipientList } from "./recipients.ts";

// Every character a letter prints must be in the letter fonts: a name in
// Chinese script or a full-width "＝" cannot be set in a tagged PDF. Found
// here, before any letter is made or approved, with the file, the row and
// the column (or the line of the template) that holds it.

const FRAME_COLUMNS = ["name", "title", "salutation", "signoff", "postcode"].map(normaliseName);
const ADDRESS = /^addressline\d$/;

const advice = (char: string) =>
  `${describeUnprintable(char)} is in none of the letter's fonts, so it cannot be printed: write it in another way (in Latin letters, or without it)`;

export function checkPrintable(folder: CampaignFolder, template: ParsedTemplate, list: RecipientList): void {
  const problems: PostbagError[] = [];
  const { sender, signatory, title } = folder.config;
  const printedSignatory = { name: signatory.name, role: signatory.role };
  const frame = { title, ...prefixed("sender", sender), ...prefixed("signatory", printedSignatory) };
  for (const [field, value] of Object.entries(frame)) {
    const char = unprintableCharacter(value);
    if (char) problems.push(new PostbagError("campaign", advice(char), { file: "campaign.yaml", field }));
  }
  folder.letter.source.split("\n").forEach((text, index) => {
    const char = unprintableCharacter(text);
    if (char)
      problems.push(
        new PostbagError("template", advice(char), { file: folder.letter.file, line: index + 1 }),
      );
  });
  const printed = new Set([...FRAME_COLUMNS, ...[...template.names.keys()].map(normaliseName)]);
  for (const recipient of list.recipients) {
    for (const [column, value] of recipient.fields) {
      if (!printed.has(column) && !ADDRESS.test(column)) continue;
      const char = unprintableCharacter(value);
      if (!char) continue;
      const at = { file: list.file, [list.rowLabel]: recipient.row, column: list.columnName(column) };
      problems.push(new PostbagError("recipients", advice(char), at));
    }
  }
  throwIfProblems(problems, problems.length > 1 ? problems[0]!.code : undefined);
}

/** The text fields of part of campaign.yaml, as "sender.address.1" → value. */
function prefixed(prefix: string, value: unknown): Record<string, string> {
  if (typeof value === "string") return { [prefix]: value };
  if (value === null || typeof value !== "object") return {};
  return Object.assign(
    {},
    ...Object.entries(value).map(([key, item]) =>
      prefixed(`${prefix}.${Array.isArray(value) ? Number(key) + 1 : key}`, item),
    ),
  ) as Record<string, string>;
}
