import type { Finding } from "../document.ts";
import { block, count, quote } from "./findings.ts";
import type { OfficeZip } from "./office-zip.ts";
import { docxTextParts } from "./docx-parts.ts";
import { decodeEntities, elements } from "./xml.ts";

// Tracked changes keep what was deleted: anyone can show the markup or
// reject the changes. One finding per part (body, header, footnotes) that has
// any, quoting the deleted text, which is what a sender meant to remove.

export function trackedChangeFindings(zip: OfficeZip): Finding[] {
  const findings: Finding[] = [];
  for (const { part, label } of docxTextParts(zip)) {
    const xml = zip.text(part);
    const tally = (name: string) =>
      [...xml.matchAll(new RegExp(`<(?:[\\w.-]+:)?${name}(?=[\\s/>])`, "g"))].length;
    // A move is recorded twice, where the text was and where it went.
    const changes = [
      count(tally("ins"), "insertion"),
      count(tally("del"), "deletion"),
      count(Math.max(tally("moveFrom"), tally("moveTo")), "move"),
    ].filter((text) => !text.startsWith("0 "));
    if (changes.length === 0) continue;
    const total = changes.reduce((sum, text) => sum + Number.parseInt(text, 10), 0);
    const deleted = elements(xml, "delText")
      .map((t) => decodeEntities(t.inner))
      .join("");
    const quoted = deleted.trim() ? `; deleted text: ${quote(deleted)}` : "";
    findings.push(
      block(
        "docx-tracked-changes",
        label,
        `The ${label} has ${count(total, "tracked change")} (${changes.join(", ")}), which anyone can show or undo${quoted}.`,
      ),
    );
  }
  return findings;
}
