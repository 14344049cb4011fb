import type { Inline, Letter } from "./model.ts";

/**
 * The letter's subject line: its first `#` heading (printed in bold where it
 * stands), as plain words for an email's Subject: link text without its
 * address, no footnote marks, line breaks as spaces. Null when it has none.
 */
export function subjectLine(letter: Pick<Letter, "body">): string | null {
  const heading = letter.body.find((block) => block.t === "h");
  if (!heading) return null;
  const words = plainWords(heading.c).replace(/\s+/g, " ").trim();
  return words === "" ? null : words;
}

function plainWords(nodes: Inline[]): string {
  return nodes
    .map((node) => {
      switch (node.t) {
        case "text":
          return node.v;
        case "strong":
        case "em":
        case "link":
          return plainWords(node.c);
        case "br":
          return " ";
        case "fnref":
          return "";
      }
    })
    .join("");
}
