import { extname } from "node:path";
import { PostbagError } from "../../errors.ts";
import { readDocxLetterText } from "./docx-letter-text.ts";
import { readHtmlLetterText } from "./html-letter-text.ts";
import type { LetterText } from "./letter-text.ts";
import { readPdfLetterText } from "./pdf-letter-text.ts";
import { readPlainLetterText } from "./plain-letter-text.ts";

// Picks the reader for a letter file from its bytes first (exports are often
// misnamed), then from its extension.

export const LETTER_EXTENSIONS = [".pdf", ".docx", ".html", ".htm", ".md", ".markdown", ".txt", ".text"];

export async function readLetterFile(file: string, bytes: Uint8Array): Promise<LetterText> {
  const head = new TextDecoder().decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
  if (head.startsWith("%pdf-")) return readPdfLetterText(bytes, file);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return readDocxLetterText(bytes, file);
  const ext = extname(file).toLowerCase();
  if (ext === ".pdf" || ext === ".docx") {
    throw new PostbagError("learn", `the file is not a ${ext.slice(1).toUpperCase()} file that can be read`, {
      file,
    });
  }
  const text = decodeText(bytes, file);
  const html =
    ext === ".html" || ext === ".htm" || head.startsWith("<!doctype html") || head.startsWith("<html");
  return html ? readHtmlLetterText(text, file) : readPlainLetterText(text, file);
}

function decodeText(bytes: Uint8Array, file: string): string {
  if (bytes.includes(0))
    throw new PostbagError("learn", "the file is not text (it holds NUL bytes)", { file });
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Older Windows exports: Windows-1252 reads every byte.
    return new TextDecoder("windows-1252").decode(bytes);
  }
}
