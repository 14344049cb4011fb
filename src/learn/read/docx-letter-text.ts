import { withoutPrintedAddresses } from "./printed-addresses.ts";
import mammoth from "mammoth";
import { PostbagError } from "../../errors.ts";
import { zipRefusal } from "../../replies/zip-guard.ts";
import { pageBreaksAsCharacters } from "./docx-page-breaks.ts";
import { readHtmlLetterText } from "./html-letter-text.ts";
import type { LetterText } from "./letter-text.ts";

// A Word letter as letter text: mammoth turns it into HTML, the HTML reader
// does the rest. convertToHtml, not extractRawText, because only the HTML
// keeps footnotes (references as <sup>, the notes as a list at the end),
// links, bold and italic.

// mammoth drops page breaks unless told what to make of them; a rule is what
// the HTML reader reads as a page break.
const STYLE_MAP = ["br[type='page'] => hr"];

export async function readDocxLetterText(bytes: Uint8Array, file: string): Promise<LetterText> {
  const unreadable = (why: string) =>
    new PostbagError("learn", `the file could not be read as a Word document (.docx): ${why}`, { file });
  // mammoth unpacks every part into memory: refuse a zip bomb (or not a zip at all) before it does.
  const refusal = zipRefusal(bytes);
  if (refusal) throw unreadable(refusal);
  let html: string;
  try {
    const buffer = Buffer.from(pageBreaksAsCharacters(bytes));
    ({ value: html } = await mammoth.convertToHtml({ buffer }, { styleMap: STYLE_MAP }));
  } catch (error) {
    throw unreadable((error as Error).message);
  }
  // On paper a link's address is printed after it: the letter as written had the link alone.
  return withoutPrintedAddresses(readHtmlLetterText(html, file));
}
