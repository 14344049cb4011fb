import { PostbagError, throwIfProblems } from "../../errors.ts";
import type { RecipientTable } from "../../files/recipient-table.ts";
import { normaliseName } from "../../letters/template/names.ts";
import type { ImportSummary } from "../records/import-campaign.ts";
import { currentFolder, editWorkspace, type WorkspaceDeps } from "./campaign-workspace.ts";
import { folderProblems } from "./folder-problems.ts";
import { recipientsFile } from "./table-file.ts";

export interface RecipientRef {
  campaign: string;
  /** The recipient's id (its `id` column). */
  recipient: string;
}

/** One recipient's values, column by column in the table's order: to fill in the form. */
export async function recipientFields(
  options: RecipientRef,
  deps: WorkspaceDeps,
): Promise<{ column: string; value: string }[]> {
  const table = (await currentFolder(options.campaign, deps)).recipients;
  const cells = table.rows[rowIndex(table, options.recipient)]?.cells ?? [];
  return table.columns
    .map((column, index) => ({ column, value: cells[index] ?? "" }))
    .filter(({ column }) => column !== "");
}

/** Rewrites one row of the folder's recipients file (CSV or XLSX) and imports. */
export async function editRecipient(
  options: RecipientRef & { fields: Record<string, string>; actor: string },
  deps: WorkspaceDeps,
): Promise<ImportSummary> {
  return editWorkspace(options, deps, async (folder) => {
    const table = folder.recipients;
    const index = rowIndex(table, options.recipient);
    const cells = [...(table.rows[index]?.cells ?? [])];
    const unknown: PostbagError[] = [];
    for (const [field, value] of Object.entries(options.fields)) {
      const column = table.columns.findIndex(
        (name) => name !== "" && normaliseName(name) === normaliseName(field),
      );
      if (column === -1) unknown.push(fieldError(field, "the recipients file has no such column"));
      // The id names the recipient's letters in the database: a new id would be a new recipient.
      else if (normaliseName(field) === "id" && value.trim() !== options.recipient) {
        unknown.push(fieldError(field, "the id cannot be changed"));
      } else cells[column] = value;
    }
    throwIfProblems(unknown, "bad_input");
    const rows = table.rows.map((row, i) => (i === index ? { ...row, cells } : row));
    const edited = { ...table, rows };
    // The form names fields by column: each problem says which one.
    const problems = folderProblems({ ...folder, recipients: edited });
    throwIfProblems(
      problems.map((problem) => fieldError(problem.location.column ?? "", problem.detail)),
      "bad_input",
    );
    return recipientsFile(folder, edited);
  });
}

function rowIndex(table: RecipientTable, recipient: string): number {
  const id = table.columns.findIndex((column) => normaliseName(column) === "id");
  const index = table.rows.findIndex((row) => (row.cells[id] ?? "").trim() === recipient);
  if (id === -1 || index === -1) {
    throw new PostbagError("not_found", `there is no recipient "${recipient}" in this campaign`, {
      field: "recipient",
    });
  }
  return index;
}

function fieldError(field: string, detail: string): PostbagError {
  return new PostbagError("bad_input", detail, field ? { field } : {});
}
