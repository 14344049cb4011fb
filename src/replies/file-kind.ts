import { extname } from "node:path";
import { latin1 } from "../files/decode-text.ts";
import type { FileToRead } from "./extract-text.ts";
import { zipEntryNames } from "./zip-guard.ts";

// What kind of file a reply's attachment is, from its bytes first, because
// attachments are often misnamed ("report.pdf" that is a Word file), then
// from the media type and the file's extension. Apart from the readers
// (extract-text.ts) so that the checks and redaction can ask without loading them.

export type FileKind = "pdf" | "docx" | "xlsx" | "zip" | "html" | "text" | "old-office" | "image" | "binary";

export type ImageKind = "png" | "jpeg" | "tiff";

/** A picture OCR can read, from its first bytes. */
export function imageKind(bytes: Uint8Array): ImageKind | null {
  const head = latin1(bytes.subarray(0, 4));
  if (head === "\u0089PNG") return "png";
  if (head.startsWith("\u00ff\u00d8\u00ff")) return "jpeg";
  if (head === "II*\u0000" || head === "MM\u0000*") return "tiff";
  return null;
}

/** Magic bytes first; the name and media type only when the bytes say nothing. */
export function kindOf(file: FileToRead): FileKind {
  const { bytes } = file;
  const head = latin1(bytes.subarray(0, 1024));
  // PDF readers accept the header anywhere in the first kilobyte.
  if (head.includes("%PDF-")) return "pdf";
  if (head.startsWith("PK\u0003\u0004")) {
    const names = new Set(zipEntryNames(bytes));
    if (names.has("[Content_Types].xml") && names.has("word/document.xml")) return "docx";
    if (names.has("[Content_Types].xml") && names.has("xl/workbook.xml")) return "xlsx";
    // A broken zip named .docx still goes to the reader, which says what is wrong.
    if (names.size === 0) return byName(file) ?? "zip";
    return "zip";
  }
  // Compound File (OLE2): .doc, .xls, .msg.
  if (head.startsWith("\u00d0\u00cf\u0011\u00e0\u00a1\u00b1\u001a\u00e1")) return "old-office";
  if (/^(\ufeff|\u00ef\u00bb\u00bf)?\s*<(!doctype html|html|head|body)\b/i.test(head)) return "html";
  if (imageKind(bytes)) return "image";
  const named = byName(file);
  if (named) return named;
  return bytes.subarray(0, 8192).includes(0) && !hasUtf16Bom(bytes) ? "binary" : "text";
}

function byName(file: FileToRead): FileKind | null {
  const type = (file.mediaType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const extension = extname(file.name).toLowerCase();
  if (type === "application/pdf" || extension === ".pdf") return "pdf";
  if (type.includes("wordprocessingml") || extension === ".docx") return "docx";
  if (type.includes("spreadsheetml") || extension === ".xlsx") return "xlsx";
  if (type === "text/html" || extension === ".html" || extension === ".htm") return "html";
  if (extension === ".doc" || extension === ".xls") return "old-office";
  if (type.startsWith("text/") || [".txt", ".csv", ".md", ".eml"].includes(extension)) return "text";
  return null;
}

function hasUtf16Bom(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}
