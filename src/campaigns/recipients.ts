import { PostbagError } from "../errors.ts";
import type { RecipientTable } from "../files/recipient-table.ts";
import { FLAG_WORDS, isFlagValue, normaliseName } from "../letters/template/names.ts";
import { ADDRESS_LINE_COLUMNS, addressBlock, ADDRESS_WINDOW_LINES } from "../letters/address-block.ts";
import { addressProblems } from "../letters/postal-address.ts";
import { controlCharacterIn } from "../text/control-characters.ts";
import { isIsoDate } from "./deadlines/iso-date.ts";

// The rules a recipient table must follow before any letter is made.

export const REQUIRED_COLUMNS = ["id", "name", "title", "address_line_1", "postcode", "salutation"];
const REQUIRED_VALUES = ["id", "title", "address_line_1", "salutation"];
const NATIONS = ["england", "wales", "scotland", "northern-ireland"];
/** Ids become file names: keep them portable. */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface Recipient {
  id: string;
  /** Row (XLSX) or line (CSV) number, header = 1. */
  row: number;
  /** Values keyed by normalised column name. */
  fields: Map<string, string>;
}

export interface RecipientList {
  file: string;
  rowLabel: "line" | "row";
  /** Column names as written in the file. */
  columns: string[];
  recipients: Recipient[];
  /** The written column name for each normalised name. */
  columnName: (normalised: string) => string;
}

/**
 * Every problem with the table, in file order: for pages that list them all.
 * `flags` are the columns the letter uses as `((flag??text))`.
 */
export function findRecipientProblems(table: RecipientTable, flags: Iterable<string> = []): PostbagError[] {
  const flagColumns = [...new Set([...flags].map(normaliseName))];
  const headerProblems = checkHeader(table);
  if (headerProblems.length > 0) return headerProblems;
  const list = toList(table);
  const problems: PostbagError[] = [];
  const firstRowOfId = new Map<string, number>();
  for (const recipient of list.recipients) {
    const at = (column: string) => where(list, recipient.row, list.columnName(column));
    const value = (column: string) => recipient.fields.get(normaliseName(column)) ?? "";
    for (const column of REQUIRED_VALUES) {
      if (value(column).trim() === "") problems.push(problem("the value is empty", at(column)));
    }
    for (const [column, text] of recipient.fields) {
      // Databases cannot hold NUL, and no control character belongs in a letter: a damaged file or a bad paste.
      const control = controlCharacterIn(text);
      if (control) problems.push(problem(`the value holds the control character ${control}`, at(column)));
    }
    const id = value("id");
    if (id && !SAFE_ID.test(id)) {
      problems.push(
        problem(`the id "${id}" cannot be a file name: use letters, digits, '.', '_' and '-'`, at("id")),
      );
    }
    const seen = firstRowOfId.get(id);
    if (id && seen !== undefined) {
      problems.push(problem(`the id "${id}" is already used on ${list.rowLabel} ${seen}`, at("id")));
    } else if (id) firstRowOfId.set(id, recipient.row);
    const email = value("email").trim();
    if (email && !EMAIL.test(email))
      problems.push(problem(`"${email}" is not an email address`, at("email")));
    const date = value("date").trim();
    if (date && !isIsoDate(date))
      problems.push(problem(`"${date}" is not a date: write it as YYYY-MM-DD`, at("date")));
    for (const flag of flagColumns) {
      const said = value(flag);
      if (recipient.fields.has(flag) && !isFlagValue(said)) {
        problems.push(
          problem(
            `"${said.trim()}" is not a yes or no: the letter uses this column as a flag (${FLAG_WORDS})`,
            at(flag),
          ),
        );
      }
    }
    const nation = normaliseName(value("nation"));
    if (nation && !NATIONS.map(normaliseName).includes(nation)) {
      problems.push(problem(`the nation must be one of ${NATIONS.join(", ")}`, at("nation")));
    }
    const address = addressBlock(recipient.fields);
    for (const column of address.columns) {
      if (/[\r\n]/.test(value(column))) {
        problems.push(problem("an address line must be one line: use the next address column", at(column)));
      }
    }
    const lines = ADDRESS_LINE_COLUMNS.map((column) => ({ column, value: value(column) }));
    for (const found of addressProblems(
      lines,
      { column: "postcode", value: value("postcode") },
      value("country"),
    )) {
      problems.push(problem(found.message, at(found.column)));
    }
    if (address.lines.length > ADDRESS_WINDOW_LINES) {
      problems.push(
        problem(
          `the address is too long for the envelope window: ${address.lines.length} lines ` +
            `(name, title, address lines and postcode); the window fits ${ADDRESS_WINDOW_LINES}`,
          at(address.columns[address.columns.length - 1] ?? "postcode"),
        ),
      );
    }
  }
  return problems;
}

/** The recipients, or the first problem as an error naming file, row and column. */
export function readRecipientList(table: RecipientTable, flags: Iterable<string> = []): RecipientList {
  const [first] = findRecipientProblems(table, flags);
  if (first) throw first;
  if (table.rows.length === 0) {
    throw new PostbagError("recipients", "there are no recipients: add one row per recipient", {
      file: table.file,
    });
  }
  return toList(table);
}

function checkHeader(table: RecipientTable): PostbagError[] {
  const problems: PostbagError[] = [];
  const seen = new Map<string, string>();
  table.columns.forEach((column, index) => {
    const at = { file: table.file, [table.rowLabel]: 1 };
    if (column === "") {
      if (table.rows.some((row) => (row.cells[index] ?? "").trim() !== "")) {
        problems.push(problem(`column ${index + 1} has values but no name`, at));
      }
      return;
    }
    const key = normaliseName(column);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push(problem(`the column is duplicated (it matches column "${earlier}")`, { ...at, column }));
    } else seen.set(key, column);
  });
  for (const column of REQUIRED_COLUMNS) {
    if (!seen.has(normaliseName(column))) {
      problems.push(
        problem(`the required column "${column}" is missing from the header`, {
          file: table.file,
          [table.rowLabel]: 1,
          column,
        }),
      );
    }
  }
  return problems;
}

function toList(table: RecipientTable): RecipientList {
  const keys = table.columns.map(normaliseName);
  const names = new Map(table.columns.map((column, index) => [keys[index] ?? "", column]));
  const recipients = table.rows.map((row) => {
    const fields = new Map<string, string>();
    keys.forEach((key, index) => {
      if (key) fields.set(key, (row.cells[index] ?? "").trim());
    });
    return { id: fields.get("id") ?? "", row: row.number, fields };
  });
  return {
    file: table.file,
    rowLabel: table.rowLabel,
    columns: table.columns.filter((column) => column !== ""),
    recipients,
    columnName: (normalised) => names.get(normaliseName(normalised)) ?? normalised,
  };
}

function where(list: Pick<RecipientList, "file" | "rowLabel">, row: number, column: string) {
  return { file: list.file, [list.rowLabel]: row, column };
}

function problem(detail: string, location: ConstructorParameters<typeof PostbagError>[2]): PostbagError {
  return new PostbagError("recipients", detail, location);
}
