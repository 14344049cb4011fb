import type { Finding } from "../document.ts";
import { block, quote } from "./findings.ts";
import type { OfficeZip } from "./office-zip.ts";
import { elements, textOf } from "./xml.ts";

// Comments travel with a Word document and are often meant for colleagues
// only ("check with legal before this goes out"). One finding per comment,
// with its author and text, so the person deciding can read it.

export function commentFindings(zip: OfficeZip): Finding[] {
  return elements(zip.text("word/comments.xml"), "comment").map((comment, i) => {
    const author = comment.attrs.author ? ` by ${quote(comment.attrs.author, 40)}` : "";
    const text = textOf(comment.inner.replace(/<\/(?:[\w.-]+:)?p>/g, " "));
    return block(
      "docx-comments",
      `comment ${i + 1}`,
      `A comment${author} goes out with the document: ${quote(text)}.`,
    );
  });
}
