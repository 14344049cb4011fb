import type { Finding } from "../document.ts";
import { block, count, quote } from "./findings.ts";
import type { OfficeZip } from "./office-zip.ts";
import { hiddenCellFindings, sharedStrings } from "./xlsx-hidden-cells.ts";
import { elements, textOf } from "./xml.ts";

// Sheets a reader of the workbook does not see, and what each sheet hides.
// Hidden sheets can be shown again by anyone; "very hidden" ones only with
// the VBA editor; cell comments show only when hovered over. All of it goes
// out with the file.

const WORKBOOK = "xl/workbook.xml";

export function hiddenSheetFindings(zip: OfficeZip): Finding[] {
  const targets = new Map(zip.relationships(WORKBOOK).map((rel) => [rel.id, rel]));
  const shared = sharedStrings(zip);
  const findings: Finding[] = [];
  for (const sheet of elements(zip.text(WORKBOOK), "sheet")) {
    const name = sheet.attrs.name ?? "?";
    const where = `sheet ${name}`;
    if (sheet.attrs.state === "hidden") {
      const message = `Sheet ${quote(name)} is hidden: anyone can show it again, and its contents go out with the file.`;
      findings.push(block("xlsx-hidden-sheet", where, message));
    } else if (sheet.attrs.state === "veryHidden") {
      const message = `Sheet ${quote(name)} is "very hidden": Excel does not list it, but its contents go out with the file.`;
      findings.push(block("xlsx-very-hidden-sheet", where, message));
    }
    const rel = targets.get(sheet.attrs.id ?? "");
    if (!rel || rel.external || !zip.has(rel.target)) continue;
    findings.push(...hiddenCellFindings(zip.text(rel.target), shared, name, where));
    findings.push(...commentFindings(zip, rel.target, name, where));
  }
  return findings;
}

/** Notes and threaded comments, found through the sheet's relationships. */
function commentFindings(zip: OfficeZip, sheetPart: string, name: string, where: string): Finding[] {
  const parts = zip.relationships(sheetPart).filter((rel) => /\/(comments|threadedComment)$/.test(rel.type));
  return parts.flatMap((part) => {
    const notes = elements(
      zip.text(part.target),
      /threaded/i.test(part.type) ? "threadedComment" : "comment",
    );
    if (notes.length === 0) return [];
    const example = quote(textOf(notes[0]?.inner ?? ""));
    const message = `Sheet ${quote(name)} has ${count(notes.length, "comment")}, shown only when hovered over (for example ${example}).`;
    return [block("xlsx-comments", where, message)];
  });
}
