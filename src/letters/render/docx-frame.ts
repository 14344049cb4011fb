import { AlignmentType, type IParagraphOptions, Paragraph, TextRun } from "docx";
import type { Letter } from "../model.ts";
import { signatureRun } from "./docx-signature.ts";

// Spacing in twentieths of a point.
const GAP = 240;
const SIGNING_SPACE = 1200;

// Blocks of lines (letterhead, address, signature) are one paragraph per line with no gap
// between them, so each line stays its own line in every word processor and in text read back.
function lines(runs: TextRun[], options: IParagraphOptions = {}, after = GAP): Paragraph[] {
  return runs.map(
    (run, i) =>
      new Paragraph({
        ...options,
        children: [run],
        keepNext: i < runs.length - 1,
        spacing: { before: 0, after: i === runs.length - 1 ? after : 0 },
      }),
  );
}

const text = (value: string, bold = false) => new TextRun(bold ? { text: value, bold } : { text: value });

/** Letterhead, address block, date and salutation: everything above the body. */
export function letterTop(letter: Letter): Paragraph[] {
  const { sender } = letter;
  const letterhead = [
    text(sender.name, true),
    ...[sender.role, ...sender.address].filter((line) => line !== "").map((line) => text(line)),
    ...(sender.phone ? [text(`Tel: ${sender.phone}`)] : []),
    ...(sender.email ? [text(`Email: ${sender.email}`)] : []),
  ];
  return [
    ...lines(letterhead, { alignment: AlignmentType.RIGHT }, GAP * 2),
    ...lines(letter.address.map((line) => text(line))),
    new Paragraph({ children: [text(letter.date)], spacing: { after: GAP } }),
    new Paragraph({ children: [text(`${letter.salutation},`)] }),
  ];
}

/** Sign-off, signature (or room to sign) and the signatory's name and role. */
export function letterBottom(letter: Letter): Paragraph[] {
  const { signatory } = letter;
  const signature = signatory.signature
    ? new Paragraph({ children: [signatureRun(signatory.signature, signatory.name)], keepNext: true })
    : new Paragraph({ children: [], keepNext: true, spacing: { before: SIGNING_SPACE, after: 0 } });
  const nameAndRole = [
    ...(signatory.name ? [text(signatory.name, true)] : []),
    ...(signatory.role ? [text(signatory.role)] : []),
  ];
  return [
    new Paragraph({ children: [text(`${letter.sign_off},`)], keepNext: true, keepLines: true }),
    signature,
    ...lines(nameAndRole),
  ];
}
