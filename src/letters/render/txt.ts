import type { Block, Inline, Letter } from "../model.ts";

// Plain text: one line per paragraph (no hard wrapping, so any reader can
// reflow it), a blank line between paragraphs, address lines one per line,
// footnote references as [n] and the notes at the end.

export function renderTxt(letter: Letter): string {
  const { sender, signatory } = letter;
  const letterhead = [
    sender.name,
    sender.role,
    ...sender.address,
    sender.phone && `Tel: ${sender.phone}`,
    sender.email && `Email: ${sender.email}`,
  ].filter(Boolean);
  const sections = [
    letterhead.join("\n"),
    letter.address.join("\n"),
    letter.date,
    `${letter.salutation},`,
    ...letter.body.map(blockText).filter(Boolean),
    `${letter.sign_off},`,
    [signatory.name, signatory.role].filter(Boolean).join("\n"),
  ];
  if (letter.footnotes.length > 0) {
    sections.push(letter.footnotes.map((note) => `[${note.n}] ${inlineText(note.c)}`).join("\n\n"));
  }
  return `${sections.join("\n\n")}\n`;
}

function blockText(block: Block): string {
  switch (block.t) {
    case "p":
    case "h":
      return inlineText(block.c);
    case "ul":
      return block.items.map((item) => `- ${item.map(blockText).join("\n  ")}`).join("\n");
    case "ol":
      return block.items
        .map((item, i) => `${block.start + i}. ${item.map(blockText).join("\n   ")}`)
        .join("\n");
    case "pagebreak":
      return "";
  }
}

export function inlineText(nodes: Inline[]): string {
  return nodes.map(inlineNodeText).join("");
}

function inlineNodeText(node: Inline): string {
  switch (node.t) {
    case "text":
      return node.v;
    case "strong":
    case "em":
      return inlineText(node.c);
    case "link": {
      const label = inlineText(node.c);
      const address = node.href.replace(/^mailto:/, "");
      return label === address ? label : `${label} <${node.href}>`;
    }
    case "br":
      return "\n";
    case "fnref":
      return `[${node.n}]`;
  }
}
