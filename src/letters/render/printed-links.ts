import type { Block, Inline, Letter } from "../model.ts";

// On paper a link cannot be followed: its address is printed after its text,
// in brackets, wherever the text is not already the address (the PDF and the
// Word document; HTML and email keep the link alone). "Our Strategic Plan
// (https://www.example.org/plan)"; "write to me (office@example.org)".

/** The letter with each link's address printed after it, where its text does not say it already. */
export function withPrintedAddresses(letter: Letter): Letter {
  return {
    ...letter,
    body: letter.body.map(block),
    footnotes: letter.footnotes.map((note) => ({ ...note, c: inlines(note.c) })),
  };
}

/** What a reader would type: the address as written; a mailto: link as the email address alone (no ?subject=). */
export function printedAddress(href: string): string {
  if (!/^mailto:/i.test(href)) return href;
  return href.replace(/^mailto:/i, "").split("?")[0] ?? "";
}

function block(node: Block): Block {
  switch (node.t) {
    case "p":
    case "h":
      return { ...node, c: inlines(node.c) };
    case "ul":
    case "ol":
      return { ...node, items: node.items.map((item) => item.map(block)) };
    default:
      return node;
  }
}

function inlines(nodes: Inline[]): Inline[] {
  return nodes.flatMap((node): Inline[] => {
    switch (node.t) {
      case "strong":
      case "em":
        return [{ ...node, c: inlines(node.c) }];
      case "link": {
        const address = printedAddress(node.href);
        // An in-page anchor ("#") or an empty address says nothing a reader could use.
        if (address === "" || address.startsWith("#") || sameAddress(textOf(node.c), address)) return [node];
        return [node, { t: "text", v: ` (${address})` }];
      }
      default:
        return [node];
    }
  });
}

function textOf(nodes: Inline[]): string {
  return nodes.map((node) => (node.t === "text" ? node.v : "c" in node ? textOf(node.c) : "")).join("");
}

/** Whether the link's text already is its address, scheme, "www." and a closing slash aside. */
function sameAddress(text: string, address: string): boolean {
  const bare = (value: string) =>
    value
      .trim()
      .toLowerCase()
      .replace(/^[a-z]+:(\/\/)?/, "")
      .replace(/^www\./, "")
      .replace(/\/$/, "");
  return bare(text) === bare(address);
}
