import { pathToFileURL } from "node:url";
import { letterFontFiles } from "../src/letters/fonts.ts";
import type { Block, Inline, Letter } from "../src/letters/model.ts";
import { escapeHtml } from "../src/letters/render/html.ts";

// The same letter for WeasyPrint, laid out as our PDF is: A4, the address in
// the envelope window, footnotes at the foot of the page where they are
// referenced (CSS `float: footnote`), "Page N of M", and the same Arimo
// font files. Built from our own Letter, so the text is the same word for word.
const [regular, italic, bold, boldItalic] = letterFontFiles().map((file) => pathToFileURL(file).href);
const face = (src: string | undefined, weight: number, style: string) =>
  `@font-face { font-family: Arimo; src: url("${src}"); font-weight: ${weight}; font-style: ${style}; }`;

const CSS = `${face(regular, 400, "normal")} ${face(italic, 400, "italic")} ${face(bold, 700, "normal")} ${face(boldItalic, 700, "italic")}
@page { size: A4; margin: 20mm 20mm 22mm 25mm;
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font: 9pt Arimo; }
  @footnote { border-top: 0.5pt solid black; padding-top: 0.5em; } }
body { font: 11pt/1.35 Arimo; margin: 0; }
.sender { position: absolute; left: 100mm; top: -8mm; width: 70mm; font-size: 9pt; line-height: 1.2; }
.window { position: absolute; left: -0.4mm; top: 19.5mm; width: 95.4mm; height: 26.8mm; font-size: 9pt; line-height: 9.4pt; }
.date { margin-top: 75mm; text-align: right; }
a { color: #1d4f91; }
.fn { float: footnote; font-size: 9pt; }
::footnote-call { content: counter(footnote); vertical-align: super; font-size: 7pt; }
.closing { break-inside: avoid; margin-top: 1em; }`;

/** The body, each footnote's text placed where it is first referenced. */
function bodyHtml({ body, footnotes }: Letter): string {
  const inline = (nodes: Inline[]): string => nodes.map(inlineNode).join("");
  const inlineNode = (node: Inline): string => {
    if (node.t === "text") return escapeHtml(node.v);
    if (node.t === "strong") return `<strong>${inline(node.c)}</strong>`;
    if (node.t === "em") return `<em>${inline(node.c)}</em>`;
    if (node.t === "link") return `<a href="${escapeHtml(node.href)}">${inline(node.c)}</a>`;
    if (node.t === "br") return "<br>";
    // A repeated reference cannot point at a CSS footnote: print its number.
    const note = footnotes[node.n - 1];
    return node.first && note ? `<span class="fn">${inline(note.c)}</span>` : `<sup>${node.n}</sup>`;
  };
  const block = (node: Block): string => {
    if (node.t === "p") return `<p>${inline(node.c)}</p>`;
    if (node.t === "h") return `<p><strong>${inline(node.c)}</strong></p>`;
    if (node.t === "pagebreak") return `<div style="break-after: page"></div>`;
    return `<${node.t}>${node.items.map((item) => `<li>${item.map(block).join("")}</li>`).join("")}</${node.t}>`;
  };
  return body.map(block).join("\n");
}

export function peerHtml(letter: Letter): string {
  const { sender: s, signatory } = letter;
  const lines = (values: string[]) => values.map((v) => `<div>${escapeHtml(v)}</div>`).join("");
  return `<!DOCTYPE html><html lang="${escapeHtml(letter.lang)}"><head><meta charset="utf-8">
<title>${escapeHtml(letter.title)}</title><style>${CSS}</style></head><body>
<div class="sender"><strong>${escapeHtml(s.name)}</strong>${lines([s.role, ...s.address, `Tel: ${s.phone}`, `Email: ${s.email}`])}</div>
<div class="window">${lines(letter.address)}</div>
<p class="date">${escapeHtml(letter.date)}</p><p>${escapeHtml(letter.salutation)},</p>
${bodyHtml(letter)}
<div class="closing"><p>${escapeHtml(letter.sign_off)},</p><div style="height: 12mm"></div>
<strong>${escapeHtml(signatory.name)}</strong><div>${escapeHtml(signatory.role)}</div></div>
</body></html>`;
}
