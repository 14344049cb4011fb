import type { Finding } from "../document.ts";
import { block, quote } from "./findings.ts";
import type { Box } from "./pdf-matrix.ts";
import { pagePaints, type Glyph } from "./pdf-painting.ts";
import type { PdfProxy } from "./pdf-reader.ts";

// The naive redaction: a black (or white) box drawn over text. The page
// looks redacted, but the text is still there to select, copy or extract.
// A filled area painted after some text and covering the middle of its
// glyphs hides that text; each such box is a finding, quoting what it hides.

export async function textUnderBoxFindings(pdf: PdfProxy): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (let page = 1; page <= pdf.numPages; page++) {
    const drawn: Glyph[] = [];
    for (const paint of await pagePaints(pdf, page)) {
      if ("glyph" in paint) {
        drawn.push(paint.glyph);
        continue;
      }
      const hidden = drawn.filter((glyph) => covers(paint.fill, glyph));
      if (!hidden.some((glyph) => glyph.text.trim() !== "")) continue;
      // Each glyph is reported under the first box over it.
      for (const glyph of hidden) drawn.splice(drawn.indexOf(glyph), 1);
      findings.push(
        block(
          "pdf-text-under-box",
          `page ${page}`,
          `Text is covered by a filled box on page ${page}, but is still in the file (anyone can copy it): ${quote(joined(hidden))}.`,
        ),
      );
    }
  }
  return findings;
}

function covers([x0, y0, x1, y1]: Box, glyph: Glyph): boolean {
  const slack = 0.5;
  return glyph.x >= x0 - slack && glyph.x <= x1 + slack && glyph.y >= y0 - slack && glyph.y <= y1 + slack;
}

/** Glyphs as text, a space between separate text-showing operations. */
function joined(glyphs: Glyph[]): string {
  return glyphs
    .map((glyph, i) => (i > 0 && glyphs[i - 1]?.run !== glyph.run ? ` ${glyph.text}` : glyph.text))
    .join("");
}
