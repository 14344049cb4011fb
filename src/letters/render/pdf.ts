import { readFileSync } from "node:fs";
import { NodeCompiler } from "@myriaddreamin/typst-ts-node-compiler";
import { sourceFile } from "../../entry-points.ts";
import { PostbagError } from "../../errors.ts";
import { describeUnprintable } from "../font-coverage.ts";
import { loadLetterFonts } from "../fonts.ts";
import type { Letter, RenderOptions } from "../model.ts";
import { withPrintedAddresses } from "./printed-links.ts";

// PDF through Typst. The layout (letter.typ) is fixed source; the letter
// travels as JSON in sys.inputs and is only ever read as data by it.

const LAYOUT = readFileSync(sourceFile("letters/render/letter.typ"), "utf8");
const TOO_WIDE = /POSTBAG_ADDRESS_TOO_WIDE:(\d+)/;
// Typst's own words for a character no font has (check-printable.ts finds these first; this is the backstop).
const NO_GLYPH = /the text `\\?"(.+?)\\?"` could not be displayed/;

export class PdfRenderer {
  private readonly compiler = NodeCompiler.create({ fontArgs: [{ fontBlobs: loadLetterFonts() }] });

  render(letter: Letter, options: RenderOptions): Buffer {
    try {
      const compiled = this.compiler.compile({
        mainFileContent: LAYOUT,
        // On paper each link's address is printed after its text.
        inputs: { letter: JSON.stringify(withPrintedAddresses(letter)) },
      });
      const document = compiled.result;
      if (!document) {
        const diagnostics = compiled.takeDiagnostics() ?? compiled.takeError();
        throw describeFailure(letter, diagnostics?.shortDiagnostics ?? []);
      }
      // The campaign date, so the same input always gives the same bytes.
      return this.compiler.pdf(document, {
        pdfStandard: options.pdfStandard,
        creationTimestamp: creationSeconds(letter),
      });
    } catch (error) {
      // The PDF standard's own checks (a missing glyph, say) fail here, as Typst's diagnostics in an Error.
      if (error instanceof PostbagError || !NO_GLYPH.test(String(error))) throw error;
      throw describeFailure(letter, String(error));
    } finally {
      // Typst memoises every compilation; keep only recent results.
      this.compiler.evictCache(10);
    }
  }
}

function creationSeconds(letter: Letter): number {
  const { year, month, day } = letter.created;
  return Date.UTC(year, month - 1, day) / 1000;
}

function describeFailure(letter: Letter, diagnostics: unknown[] | string): PostbagError {
  const messages = typeof diagnostics === "string" ? diagnostics : JSON.stringify(diagnostics);
  const tooWide = TOO_WIDE.exec(messages);
  if (tooWide) {
    const { source } = letter;
    const column = source.addressColumns[Number(tooWide[1])] ?? "address";
    return new PostbagError(
      "address_too_long",
      `this address line is too wide for the envelope window (95.4 mm at 9 pt): shorten it or split it over two address lines`,
      { file: source.file, [source.rowLabel]: source.row, column },
    );
  }
  const missing = NO_GLYPH.exec(messages)?.[1];
  if (missing) {
    const { source } = letter;
    return new PostbagError(
      "recipients",
      `${describeUnprintable(missing)} is in none of the letter's fonts, so it cannot be printed: write it in another way`,
      { file: source.file, [source.rowLabel]: source.row },
    );
  }
  return new PostbagError("render_failed", `the PDF of letter "${letter.id}" could not be made: ${messages}`);
}
