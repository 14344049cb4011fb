import type { Block, Inline, Letter } from "../model.ts";
import { letterCss } from "./html-style.ts";

// One self-contained, accessible page per letter: no external resources,
// every value escaped, footnotes as a numbered list with links both ways.

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

export function renderHtml(letter: Letter): string {
  return `<!DOCTYPE html>
<html lang="${escapeHtml(letter.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(letter.title)}</title>
<style>${letterCss}</style>
</head>
<body>
<main class="letter">
${letterArticleHtml(letter)}
</main>
</body>
</html>
`;
}

/**
 * The letter itself (letterhead to footnotes) without a page around it or a
 * stylesheet: what renderHtml wraps, and what the public letter page shows
 * inside its own layout. Every value in it is escaped.
 */
export function letterArticleHtml(letter: Letter): string {
  const { sender, signatory } = letter;
  const lines = (values: string[]) => values.map(escapeHtml).join("<br>\n");
  const letterhead = [
    ...sender.address,
    sender.phone && `Tel: ${sender.phone}`,
    sender.email && `Email: ${sender.email}`,
  ].filter(Boolean);
  const signature = signatory.signature
    ? `<img class="signature" alt="Signature of ${escapeHtml(signatory.name)}" src="data:${mime(signatory.signature.format)};base64,${Buffer.from(signatory.signature.bytes).toString("base64")}">`
    : `<div class="signature-space"></div>`;
  return `<header class="letterhead">
<p class="sender-name">${escapeHtml(sender.name)}</p>
${sender.role ? `<p>${escapeHtml(sender.role)}</p>` : ""}
<p>${lines(letterhead)}</p>
</header>
<address class="recipient">${lines(letter.address)}</address>
<p class="date"><time datetime="${isoDate(letter)}">${escapeHtml(letter.date)}</time></p>
<p>${escapeHtml(letter.salutation)},</p>
${letter.body.map(blockHtml).join("\n")}
<p class="sign-off">${escapeHtml(letter.sign_off)},</p>
${signature}
<p class="signatory">${signatory.name ? `<strong>${escapeHtml(signatory.name)}</strong><br>` : ""}${escapeHtml(signatory.role)}</p>
${footnotesHtml(letter)}`;
}

function footnotesHtml(letter: Letter): string {
  if (letter.footnotes.length === 0) return "";
  const items = letter.footnotes
    .map(
      (note) =>
        `<li id="fn${note.n}">${inlineHtml(note.c)} <a href="#fnref${note.n}" class="back" aria-label="Back to reference ${note.n}">↩</a></li>`,
    )
    .join("\n");
  return `<section class="footnotes" aria-labelledby="footnotes-heading">
<h2 id="footnotes-heading" class="visually-hidden">Footnotes</h2>
<ol>
${items}
</ol>
</section>`;
}

function blockHtml(block: Block): string {
  switch (block.t) {
    case "p":
      return `<p>${inlineHtml(block.c)}</p>`;
    case "h":
      return `<h1 class="subject">${inlineHtml(block.c)}</h1>`;
    case "ul":
      return `<ul>${block.items.map((item) => `<li>${item.map(blockHtml).join("")}</li>`).join("")}</ul>`;
    case "ol":
      return `<ol start="${block.start}">${block.items.map((item) => `<li>${item.map(blockHtml).join("")}</li>`).join("")}</ol>`;
    case "pagebreak":
      return `<hr class="page-break">`;
  }
}

function inlineHtml(nodes: Inline[]): string {
  return nodes.map(inlineNodeHtml).join("");
}

function inlineNodeHtml(node: Inline): string {
  switch (node.t) {
    case "text":
      return escapeHtml(node.v);
    case "strong":
      return `<strong>${inlineHtml(node.c)}</strong>`;
    case "em":
      return `<em>${inlineHtml(node.c)}</em>`;
    case "link":
      return `<a href="${escapeHtml(node.href)}">${inlineHtml(node.c)}</a>`;
    case "br":
      return "<br>";
    case "fnref": {
      // Only the first reference carries the id the back-link returns to.
      const id = node.first ? ` id="fnref${node.n}"` : "";
      return `<sup class="fnref"><a href="#fn${node.n}"${id} aria-label="Footnote ${node.n}">${node.n}</a></sup>`;
    }
  }
}

function isoDate(letter: Letter): string {
  const { year, month, day } = letter.created;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function mime(format: "png" | "jpg" | "svg"): string {
  return format === "svg" ? "image/svg+xml" : format === "png" ? "image/png" : "image/jpeg";
}
