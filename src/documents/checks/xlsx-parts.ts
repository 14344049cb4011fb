import type { Finding } from "../document.ts";
import { block, quote } from "./findings.ts";
import type { OfficeZip } from "./office-zip.ts";
import { elements } from "./xml.ts";

// Parts of a workbook that hold data nobody sees on a sheet: a pivot table's
// cache keeps a copy of its source rows even after the source is deleted;
// external links name other files (often with a user's folder in the path);
// data models and Power Query keep whole tables and the queries that fetched them.

export function hiddenPartFindings(zip: OfficeZip): Finding[] {
  const names = zip.names();
  const findings: Finding[] = [];
  const caches = names.filter((name) => /^xl\/pivotCache\/pivotCacheDefinition\d*\.xml$/.test(name));
  caches.forEach((part, i) => {
    const source = elements(zip.text(part), "worksheetSource")[0]?.attrs;
    const from = source?.sheet
      ? ` from sheet ${quote(source.sheet)}${source.ref ? ` (${source.ref})` : ""}`
      : "";
    findings.push(
      block(
        "xlsx-pivot-cache",
        `pivot cache ${i + 1}`,
        `A pivot table keeps its own copy of its source data${from}, which stays in the file even when the source is deleted or hidden.`,
      ),
    );
  });
  if (caches.length === 0 && names.some((name) => name.startsWith("xl/pivotCache/"))) {
    findings.push(
      block(
        "xlsx-pivot-cache",
        "pivot cache 1",
        "The workbook holds a pivot table's copy of its source data.",
      ),
    );
  }
  names
    .filter((name) => /^xl\/externalLinks\/externalLink\d*\.xml$/.test(name))
    .forEach((part, i) => {
      const target = zip.relationships(part).find((rel) => rel.external)?.target;
      const to = target ? ` to ${quote(target, 120)}` : "";
      findings.push(
        block(
          "xlsx-external-link",
          `external link ${i + 1}`,
          `The workbook links${to}: the link names another file, and a copy of the values read from it is kept.`,
        ),
      );
    });
  if (names.some((name) => name.startsWith("xl/model/"))) {
    findings.push(
      block(
        "xlsx-data-model",
        "data model",
        "The workbook holds a data model (Power Pivot): whole tables that no sheet shows.",
      ),
    );
  }
  if (names.some((name) => /^customXml\/item\d*\.xml$/.test(name) && zip.text(name).includes("DataMashup"))) {
    findings.push(
      block(
        "xlsx-data-model",
        "Power Query",
        "The workbook holds Power Query queries: where its data came from, and how it was fetched.",
      ),
    );
  }
  const connections = elements(zip.text("xl/connections.xml"), "connection").map((c) => c.attrs.name ?? "?");
  if (connections.length > 0) {
    findings.push(
      block(
        "xlsx-data-model",
        "data connections",
        `The workbook holds connections to outside data (${connections.map((c) => quote(c)).join(", ")}), which can name servers, files and users.`,
      ),
    );
  }
  return findings;
}
