import { extractText } from "../../replies/extract-text.ts";
import type { DocumentInput, DocumentKind } from "../document.ts";
import type { TextSegment } from "./kind-check.ts";

// The text of a Word, Excel, HTML or text file for the personal data checks,
// read as the reply's text is (extractText), in pieces whose location a
// person can find: a workbook by sheet, a text file by line. A text file is
// decoded here rather than by extractText, which tidies blank lines away and
// so would shift line numbers.

export interface ReadText {
  segments: TextSegment[];
  /** Why the text could not be read, if it could not. */
  problem?: string;
}

export async function textSegments(kind: DocumentKind, input: DocumentInput): Promise<ReadText> {
  if (kind === "text")
    return { segments: [{ location: "text", text: decodeText(input.bytes), byLine: true }] };
  const { text, problems } = await extractText({
    name: input.name,
    mediaType: input.mediaType,
    bytes: input.bytes,
  });
  const problem = problems.find((p) => /could not be read|was refused|encrypted/.test(p));
  if (kind === "xlsx") return { segments: bySheet(text), problem };
  return { segments: [{ location: "text", text }], problem };
}

/** extractText writes each sheet under a heading line: Sheet "Staff" (hidden): */
function bySheet(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  for (const line of text.split("\n")) {
    const heading = /^Sheet "(.*)"(?: \(hidden\))?:$/.exec(line);
    if (heading) segments.push({ location: `sheet ${heading[1]}`, text: "" });
    else if (segments.length === 0) segments.push({ location: "text", text: line });
    else {
      const last = segments[segments.length - 1] as TextSegment;
      last.text += `${line}\n`;
    }
  }
  return segments;
}

/** A byte order mark wins, then UTF-8; bytes that are not UTF-8 are read as Latin-1 (every byte is something). */
function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/\r\n?/g, "\n");
  } catch {
    return Buffer.from(bytes).toString("latin1").replace(/\r\n?/g, "\n");
  }
}
