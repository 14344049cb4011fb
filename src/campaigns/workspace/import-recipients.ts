import { throwIfProblems } from "../../errors.ts";
import type { Progress } from "../prepare-letters.ts";
import type { ImportSummary } from "../records/import-campaign.ts";
import { editWorkspace, type WorkspaceDeps } from "./campaign-workspace.ts";
import { folderProblems } from "./folder-problems.ts";
import { readUploadedTable, recipientsFile } from "./table-file.ts";

export interface ImportRecipientsOptions {
  campaign: string;
  /** The uploaded file's name: .csv or .xlsx; messages name rows in it. */
  fileName: string;
  bytes: Uint8Array;
  actor: string;
  /** Told how far it got (a large file is imported as a background task). */
  onProgress?: Progress;
}

/**
 * Replaces a campaign's recipients with an uploaded table. Every row is
 * checked against the recipient rules and the template's placeholders first;
 * any problem (all of them are listed, each with its row and column) and
 * nothing is written. The table is written as the folder's own recipients
 * file, in its format: an XLSX upload to a CSV campaign becomes CSV.
 */
export async function importRecipients(
  { campaign, fileName, bytes, actor, onProgress }: ImportRecipientsOptions,
  deps: WorkspaceDeps,
): Promise<ImportSummary> {
  await onProgress?.("Reading the file", 0, 0);
  const table = await readUploadedTable(fileName, bytes);
  return editWorkspace({ campaign, actor, onProgress }, deps, async (folder) => {
    await onProgress?.("Checking every row", 0, table.rows.length);
    // Every bad row at once; what only composing the letters finds, the import finds next (and keeps the old folder).
    throwIfProblems(folderProblems({ ...folder, recipients: table }, { compose: false }));
    return recipientsFile(folder, table);
  });
}
