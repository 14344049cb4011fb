import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { PostbagError } from "../../errors.ts";
import { charsetInHtml, decodeText, latin1 } from "../../files/decode-text.ts";
import { readDocxLetterText } from "./docx-letter-text.ts";
import { readHtmlLetterText } from "./html-letter-text.ts";
import type { LetterText } from "./letter-text.ts";
import { readPdfLetterText } from "./pdf-letter-text.ts";
import { readPlainLetterText } from "./plain-letter-text.ts";

// Picks the reader for a letter file from its bytes first (exports are often
// misnamed), then from its extension.

export const LETTER_EXTENSIONS = [".pdf", ".docx", ".html", ".htm", ".md", ".markdown", ".txt", ".text"];

/** Reads a letter file from disk; a file that cannot be read is named in the error. */
export async function readLetterAt(file: string): Promise<LetterText> {
  const bytes = await readFile(file).catch((error: Error) => {
    throw new PostbagError("bad_input", `the file could not be read (${error.message})`, { file });
  });
  return readLetterFile(file, bytes);
}

export async function readLetterFile(file: string, bytes: Uint8Array): Promise<LetterText> {
  const head = latin1(bytes.subarray(0, 512)).trimStart().toLowerCase();
  if (head.startsWith("%pdf-")) return readPdfLetterText(bytes, file);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return readDocxLetterText(bytes, file);
  const ext = extname(file).toLowerCase();
  if (ext === ".pdf" || ext === ".docx") {
    throw new PostbagError("learn", `the file is not a ${ext.slice(1).toUpperCase()} file that can be read`, {
      file,
    });
  }
  const html =
    ext === ".html" || ext === ".htm" || head.startsWith("<!doctype html") || head.startsWith("<html");
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && bytes.includes(0)) {
    throw new PostbagError("learn", "the file is not text (it holds NUL bytes)", { file });
  }
  const problems: string[] = [];
  const text = decodeText({ bytes }, problems, html ? charsetInHtml(bytes) : undefined);
  const letter = html ? readHtmlLetterText(text, file) : readPlainLetterText(text, file);
  return problems.length > 0 ? { ...letter, problems } : letter;
}
