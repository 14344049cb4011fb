import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "./render-cli.ts";

// poppler's command-line tools, for reading PDFs back in tests.

export const poppler = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: "utf8" });

export function pdfInfo(file: string): Record<string, string> {
  return Object.fromEntries(
    poppler("pdfinfo", [file])
      .split("\n")
      .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
      .filter((match) => match !== null)
      .map((match) => [match[1] ?? "", match[2] ?? ""]),
  );
}

/** The fonts table of pdffonts: name and whether it is embedded. */
export function pdfFonts(file: string): { name: string; embedded: boolean }[] {
  return poppler("pdffonts", [file])
    .split("\n")
    .slice(2)
    .filter(Boolean)
    .map((line) => {
      const columns = line.trim().split(/\s+/);
      return { name: columns[0] ?? "", embedded: columns[columns.length - 5] === "yes" };
    });
}

export function writeTempPdf(bytes: Buffer, name = "letter.pdf"): string {
  const file = join(tempDir("postbag-pdf-"), name);
  writeFileSync(file, bytes);
  return file;
}
