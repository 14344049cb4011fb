import { describe, expect, it } from "vitest";
import { checkDocument } from "../../src/documents/checks/check-document.ts";
import { EMPTY_CONTEXT } from "../../src/documents/document.ts";
import {
  boxOverText,
  goodRedaction,
  pictureOverText,
  scanWithOcrLayer,
  textOnBoxOfItsColour,
  textOnPanel,
  translucentBoxOverText,
  twoLineRedaction,
  whiteBoxClippedAway,
} from "../support/covered-text-pdfs.ts";

// Text a reader cannot see but anyone can copy: found by drawing the page
// with and without the words in doubt, so that what shows through a tint,
// sits on a panel or escapes by a clipping path is never reported.

async function hidden(file: Promise<Buffer>): Promise<string[]> {
  const { findings } = await checkDocument(
    { name: "reply.pdf", mediaType: "application/pdf", bytes: await file },
    EMPTY_CONTEXT,
  );
  return findings
    .filter((finding) => finding.code === "pdf-text-under-box")
    .map((finding) => finding.message);
}

describe("text hidden under a cover in a PDF", () => {
  it("finds words under a black box drawn over them, with the page and how far down", async () => {
    const [message, ...rest] = await hidden(boxOverText());
    expect(rest).toEqual([]);
    expect(message).toContain('"Secret name Alpha Zulu"');
    expect(message).toMatch(/page 1, about 5\.\d cm from the top/);
    expect(message).not.toContain("Visible line");
  });

  it("finds black words drawn on a black box, and words under a picture", async () => {
    expect(await hidden(textOnBoxOfItsColour())).toEqual([
      expect.stringContaining('"Secret name Alpha Zulu"'),
    ]);
    expect(await hidden(pictureOverText())).toEqual([expect.stringContaining('"Secret name Alpha Zulu"')]);
  });

  it("reports nothing for a redaction done right, words that show through a tint, on a panel, or outside a clipped box", async () => {
    expect(await hidden(goodRedaction())).toEqual([]);
    expect(await hidden(translucentBoxOverText())).toEqual([]);
    expect(await hidden(textOnPanel())).toEqual([]);
    expect(await hidden(whiteBoxClippedAway())).toEqual([]);
  });

  it("leaves a scan's invisible OCR layer alone: the picture under it shows the words", async () => {
    expect(await hidden(scanWithOcrLayer())).toEqual([]);
  });

  it("quotes only the words under the boxes of a two-line redaction, not their visible neighbours", async () => {
    const [message, ...rest] = await hidden(twoLineRedaction());
    expect(rest).toEqual([]);
    expect(message).toContain('"Harriet Lowe Imran Siddiqui"');
  });
});
