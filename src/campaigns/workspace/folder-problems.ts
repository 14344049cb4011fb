import { isPostbagError, PostbagError } from "../../errors.ts";
import type { CampaignFolder } from "../../files/read-campaign-folder.ts";
import { missingPlaceholders, unknownPlaceholder } from "../../letters/template/expand-template.ts";
import { parseTemplate } from "../../letters/template/parse-template.ts";
import { prepareCampaign } from "../prepare-letters.ts";
import { findRecipientProblems } from "../recipients.ts";

// importCampaign stops at the first problem, which suits the command line; a
// page wants them all at once: every bad row and every unknown placeholder.

/**
 * Every problem that would stop the folder being imported; empty when it
 * imports. Without `compose`, the letters are not composed (the import that
 * follows composes them, and stops at what that finds).
 */
export function folderProblems(folder: CampaignFolder, { compose = true } = {}): PostbagError[] {
  const { recipients: table, letter } = folder;
  const problems = findRecipientProblems(table, templateFlags(letter));
  if (table.rows.length === 0) {
    problems.push(
      new PostbagError("recipients", "there are no recipients: add one row per recipient", {
        file: table.file,
      }),
    );
  }
  problems.push(...templateProblems(letter, table.columns).errors);
  if (problems.length > 0 || !compose) return problems;
  // What is left (footnotes without a note, …) prepareCampaign finds, one at a time.
  return caught(() => prepareCampaign(folder));
}

/** A template's unknown placeholders with their lines, and any syntax error. */
export function templateProblems(
  letter: { file: string; source: string },
  columns: string[],
): { missing: { name: string; line: number }[]; errors: PostbagError[] } {
  const named = columns.filter((column) => column !== "");
  try {
    const missing = missingPlaceholders(parseTemplate(letter.source, letter.file), named);
    return {
      missing,
      errors: missing.map(({ name, line }) => unknownPlaceholder(name, line, named, letter.file)),
    };
  } catch (error) {
    if (!isPostbagError(error)) throw error;
    return { missing: [], errors: [error] };
  }
}

/** The template's flags, for checking their values; none when the template does not parse (reported with it). */
function templateFlags(letter: { file: string; source: string }): Set<string> {
  try {
    return parseTemplate(letter.source, letter.file).flags;
  } catch {
    return new Set();
  }
}

export function caught(run: () => unknown): PostbagError[] {
  try {
    run();
    return [];
  } catch (error) {
    if (isPostbagError(error)) return [error];
    throw error;
  }
}
