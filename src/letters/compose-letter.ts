import type { Recipient } from "../campaigns/recipients.ts";
import { showBidiControls } from "../text/bidi-controls.ts";
import { addressBlock } from "./address-block.ts";
import { calendarDate, printedDate } from "./dates.ts";
import type { Letter, Sender, Signatory } from "./model.ts";
import { signOffFor } from "./sign-off.ts";
import { expandTemplate } from "./template/expand-template.ts";
import { markdownToModel } from "./template/markdown-to-model.ts";
import type { ParsedTemplate } from "./template/parse-template.ts";

/** What a campaign gives every letter: the frame around the body. */
export interface LetterFrame {
  title: string;
  /** ISO date of the campaign. */
  date: string;
  sender: Sender;
  signatory: Signatory;
  template: ParsedTemplate;
  recipientsFile: string;
  rowLabel: "line" | "row";
  columnName(normalised: string): string;
}

/** One recipient's letter, from the campaign frame and the recipient's fields. */
export function composeLetter(frame: LetterFrame, recipient: Recipient): Letter {
  // A value is printed as written: a bidi control in it shows as a mark rather than reversing the line.
  const fields = new Map([...recipient.fields].map(([name, value]) => [name, showBidiControls(value)]));
  const field = (name: string) => fields.get(name) ?? "";
  const address = addressBlock(fields);
  // A `date` column dates one letter differently from the campaign (letters learned from a batch sent over days).
  const created = calendarDate(field("date") || frame.date);
  const salutation = field("salutation").replace(/,$/, "");
  const { body, footnotes } = markdownToModel(expandTemplate(frame.template, fields));
  const addressee = field("name") || field("title");
  return {
    id: recipient.id,
    title: `${frame.title}: letter to ${addressee}`,
    lang: "en-GB",
    date: printedDate(created),
    created,
    sender: frame.sender,
    signatory: frame.signatory,
    address: address.lines,
    salutation,
    sign_off: signOffFor(salutation, field("signoff")),
    body,
    footnotes,
    source: {
      file: frame.recipientsFile,
      row: recipient.row,
      rowLabel: frame.rowLabel,
      addressColumns: address.columns.map((column) => frame.columnName(column)),
    },
  };
}
