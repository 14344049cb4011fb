import { PostbagError, throwIfProblems } from "../../errors.ts";
import type { RecipientTable } from "../../files/recipient-table.ts";
import { normaliseName } from "../../letters/template/names.ts";
import type { ImportSummary } from "../records/import-campaign.ts";
import { currentFolder, editWorkspace, type WorkspaceDeps } from "./campaign-workspace.ts";
import { folderProblems } from "./folder-problems.ts";
import { recipientsFile } from "./table-file.ts";
import { conflict, lastChange, versionOf, type LastChange } from "./edit-versions.ts";

export interface RecipientRef {
  campaign: string;
  /** The recipient's id (its `id` column). */
  recipient: string;
}

type Fields = { column: string; value: string }[];

/** One recipient's values, column by column in the table's order: to fill in the form. */
export async function recipientFields(options: RecipientRef, deps: WorkspaceDeps): Promise<Fields> {
  return (await recipientRecord(options, deps)).fields;
}

/** One recipient's values and their version, which a save must bring back (optimistic locking). */
export async function recipientRecord(
  options: RecipientRef,
  deps: WorkspaceDeps,
): Promise<{ fields: Fields; version: string }> {
  const table = (await currentFolder(options.campaign, deps)).recipients;
  const fields = fieldsOf(table, rowIndex(table, options.recipient));
  return { fields, version: versionOf(fields) };
}

/** The body a recipient writes for is offered even when the file has no such column yet. */
const ORGANISATION = "organisation";

function fieldsOf(table: RecipientTable, index: number): Fields {
  const cells = table.rows[index]?.cells ?? [];
  const fields = table.columns
    .map((column, at) => ({ column, value: cells[at] ?? "" }))
    .filter(({ column }) => column !== "");
  return hasColumn(table, ORGANISATION) ? fields : [...fields, { column: ORGANISATION, value: "" }];
}

function hasColumn(table: RecipientTable, name: string): boolean {
  return table.columns.some((column) => column !== "" && normaliseName(column) === name);
}

/** The table with an empty column added at the end (the organisation, given for the first time). */
function withColumn(table: RecipientTable, name: string): RecipientTable {
  return {
    ...table,
    columns: [...table.columns, name],
    rows: table.rows.map((row) => ({
      ...row,
      cells: [...row.cells, ...Array<string>(table.columns.length - row.cells.length).fill(""), ""],
    })),
  };
}

export interface EditRecipientOptions extends RecipientRef {
  fields: Record<string, string>;
  actor: string;
  /** The version the values were read at (recipientRecord); a save from an older one is refused. */
  version?: string | undefined;
}

/** Rewrites one row of the folder's recipients file (CSV or XLSX) and imports. */
export async function editRecipient(
  options: EditRecipientOptions,
  deps: WorkspaceDeps,
): Promise<ImportSummary> {
  return editWorkspace(options, deps, async (folder) => {
    const given = (options.fields[ORGANISATION] ?? "").trim() !== "";
    const table =
      given && !hasColumn(folder.recipients, ORGANISATION)
        ? withColumn(folder.recipients, ORGANISATION)
        : folder.recipients;
    const index = rowIndex(table, options.recipient);
    if (options.version !== undefined && options.version !== versionOf(fieldsOf(folder.recipients, index))) {
      const entityId = `${options.campaign}/${options.recipient}`;
      const change = await lastChange(deps, "recipient", entityId, "recipient.updated");
      throw conflict(`The recipient ${options.recipient}`, change, changedValues(change));
    }
    const cells = [...(table.rows[index]?.cells ?? [])];
    const unknown: PostbagError[] = [];
    for (const [field, value] of Object.entries(options.fields)) {
      const column = table.columns.findIndex(
        (name) => name !== "" && normaliseName(name) === normaliseName(field),
      );
      // The offered organisation left empty, with no such column: nothing to write.
      if (column === -1 && normaliseName(field) === ORGANISATION && value.trim() === "") continue;
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

/** "name: "Roger" → "Roger Hirst"" for each value the change made different. */
function changedValues(change: LastChange | null): string {
  if (!change) return "";
  const before = (change.before ?? {}) as Record<string, string>;
  const after = (change.after ?? {}) as Record<string, string>;
  return Object.keys({ ...before, ...after })
    .filter((key) => (before[key] ?? "") !== (after[key] ?? ""))
    .map((key) => `${key}: "${before[key] ?? ""}" → "${after[key] ?? ""}"`)
    .join("; ");
}
