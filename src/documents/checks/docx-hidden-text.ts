import type { Finding } from "../document.ts";
import { block, quote } from "./findings.ts";
import type { OfficeZip } from "./office-zip.ts";
import { docxTextParts } from "./docx-parts.ts";
import { decodeEntities, elements, isOn, withoutElements } from "./xml.ts";

// Text formatted as hidden (w:vanish) is not shown or printed, but it is in
// the file and one click in Word shows it. A run is hidden by its own
// properties or by its character or paragraph style. Consecutive hidden runs
// of a paragraph make one finding, quoting the text.

export function hiddenTextFindings(zip: OfficeZip): Finding[] {
  const hiddenStyles = stylesWithVanish(zip.text("word/styles.xml"));
  const findings: Finding[] = [];
  for (const { part, label } of docxTextParts(zip)) {
    elements(zip.text(part), "p").forEach((paragraph, i) => {
      // A text box's paragraphs are paragraphs of their own (listed too): not this one's runs.
      const own = withoutElements(paragraph.inner, "txbxContent");
      const paragraphStyle = elements(own, "pStyle")[0]?.attrs.val;
      const styleHides = paragraphStyle !== undefined && hiddenStyles.has(paragraphStyle);
      const stretches: string[] = [];
      let current = "";
      for (const run of elements(own, "r")) {
        const text = runText(run.inner);
        if (runHidden(run.inner, hiddenStyles, styleHides)) current += text;
        else if (text !== "" && current !== "") {
          stretches.push(current);
          current = "";
        }
      }
      stretches.push(current);
      for (const text of stretches.filter((stretch) => stretch.trim() !== "")) {
        findings.push(
          block(
            "docx-hidden-text",
            `${label}, paragraph ${i + 1}`,
            `Text formatted as hidden, which Word can show with one click: ${quote(text)}.`,
          ),
        );
      }
    });
  }
  return findings;
}

function runHidden(run: string, hiddenStyles: Set<string>, paragraphStyleHides: boolean): boolean {
  const properties = elements(run, "rPr")[0]?.inner ?? "";
  const vanish = elements(properties, "vanish")[0];
  if (vanish) return isOn(vanish.attrs.val);
  const style = elements(properties, "rStyle")[0]?.attrs.val;
  return (style !== undefined && hiddenStyles.has(style)) || paragraphStyleHides;
}

function runText(run: string): string {
  return [
    ...run.matchAll(
      /<(?:[\w.-]+:)?(t|delText|tab|br|cr)(?=[\s/>])[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?\1>)/g,
    ),
  ]
    .map((match) => (match[1] === "t" || match[1] === "delText" ? decodeEntities(match[2] ?? "") : " "))
    .join("");
}

/** Styles whose run properties hide text, directly or through the styles they are based on. */
function stylesWithVanish(stylesXml: string): Set<string> {
  const styles = new Map(
    elements(stylesXml, "style").map((style) => {
      const vanish = elements(elements(style.inner, "rPr")[0]?.inner ?? "", "vanish")[0];
      const basedOn = elements(style.inner, "basedOn")[0]?.attrs.val;
      return [style.attrs.styleId ?? "", { vanish: vanish ? isOn(vanish.attrs.val) : undefined, basedOn }];
    }),
  );
  const hides = (id: string, depth = 0): boolean => {
    const style = styles.get(id);
    if (!style || depth > 20) return false;
    return style.vanish ?? (style.basedOn !== undefined && hides(style.basedOn, depth + 1));
  };
  return new Set([...styles.keys()].filter((id) => hides(id)));
}
