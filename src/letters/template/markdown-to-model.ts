import MarkdownIt from "markdown-it";
import footnotePlugin from "markdown-it-footnote";
import type { Block, Footnote, Inline } from "../model.ts";
import { MARKER_PATTERN, type ExpandedTemplate } from "./expand-template.ts";

// CommonMark with footnotes. Raw HTML is off: a "<b>" in the letter is text.
const markdown = new MarkdownIt("commonmark", { html: false, linkify: false, typographer: false }).use(
  footnotePlugin,
);

type Token = ReturnType<typeof markdown.parse>[number];

const SAFE_LINK = /^(https?:|mailto:|tel:|#)/i;

// Values are markers when Markdown is parsed, so every recipient whose
// conditionals come out the same shares one parse: a campaign of 37,000
// letters is parsed a handful of times, not 37,000. The tokens are only read.
const parsed = new Map<string, Token[]>();
const PARSES_KEPT = 64;

function tokensOf(source: string): Token[] {
  let tokens = parsed.get(source);
  if (!tokens) {
    tokens = markdown.parse(source, {});
    if (parsed.size >= PARSES_KEPT) parsed.delete(parsed.keys().next().value as string);
    parsed.set(source, tokens);
  }
  return tokens;
}

/** Parses an expanded template into the letter's body blocks and its footnotes. */
export function markdownToModel(expanded: ExpandedTemplate): { body: Block[]; footnotes: Footnote[] } {
  const builder = new ModelBuilder(tokensOf(expanded.markdown), expanded.values);
  return builder.build();
}

class ModelBuilder {
  private pos = 0;
  private readonly footnotes: Footnote[] = [];

  constructor(
    private readonly tokens: Token[],
    private readonly values: string[],
  ) {}

  build(): { body: Block[]; footnotes: Footnote[] } {
    const body = this.blocks(null);
    this.footnotes.sort((a, b) => a.n - b.n);
    return { body, footnotes: this.footnotes };
  }

  /** Reads blocks until a token of type `until` (consumed) or the end. */
  private blocks(until: string | null): Block[] {
    const out: Block[] = [];
    while (this.pos < this.tokens.length) {
      const token = this.next();
      if (token.type === until) break;
      const block = this.block(token);
      if (block) out.push(...block);
    }
    return out;
  }

  private block(token: Token): Block[] | null {
    switch (token.type) {
      case "paragraph_open":
      case "heading_open": {
        const content = this.inlines(this.next());
        this.next(); // the matching close
        if (isBlank(content)) return null;
        return [{ t: token.type === "heading_open" ? "h" : "p", c: content }];
      }
      case "bullet_list_open":
        return [{ t: "ul", items: this.listItems("bullet_list_close") }];
      case "ordered_list_open":
        return [
          {
            t: "ol",
            start: Number(token.attrGet("start") ?? 1),
            items: this.listItems("ordered_list_close"),
          },
        ];
      case "hr":
        return [{ t: "pagebreak" }];
      case "code_block":
      case "fence":
        return [{ t: "p", c: this.textNodes(token.content.replace(/\n$/, "")) }];
      case "footnote_open":
        this.footnote(Number(token.meta?.id));
        return null;
      default:
        // Containers such as blockquotes and the footnote block are transparent.
        return null;
    }
  }

  private listItems(close: string): Block[][] {
    const items: Block[][] = [];
    while (this.pos < this.tokens.length) {
      const token = this.next();
      if (token.type === close) break;
      if (token.type === "list_item_open") items.push(this.blocks("list_item_close"));
    }
    return items;
  }

  private footnote(id: number): void {
    const content: Inline[] = [];
    for (const block of this.blocks("footnote_close")) {
      if (block.t !== "p" && block.t !== "h") continue;
      if (content.length > 0) content.push({ t: "br" });
      content.push(...block.c);
    }
    this.footnotes.push({ n: id + 1, c: content });
  }

  /** Converts an inline token's children, nesting strong, emphasis and links. */
  private inlines(token: Token): Inline[] {
    const root: Inline[] = [];
    const stack: Inline[][] = [root];
    const top = (): Inline[] => stack[stack.length - 1] ?? root;
    for (const child of token.children ?? []) {
      switch (child.type) {
        case "text":
        case "code_inline":
          top().push(...this.textNodes(child.content));
          break;
        case "softbreak":
          top().push({ t: "text", v: " " });
          break;
        case "hardbreak":
          top().push({ t: "br" });
          break;
        case "strong_open":
        case "em_open": {
          const children: Inline[] = [];
          top().push({ t: child.type === "strong_open" ? "strong" : "em", c: children });
          stack.push(children);
          break;
        }
        case "link_open": {
          const href = this.href(String(child.attrGet("href") ?? ""));
          if (SAFE_LINK.test(href)) {
            const children: Inline[] = [];
            top().push({ t: "link", href, c: children });
            stack.push(children);
          } else {
            // A link whose address is not safe is kept as its text alone.
            stack.push(top());
          }
          break;
        }
        case "image":
          top().push(...this.textNodes(child.content));
          break;
        case "strong_close":
        case "em_close":
        case "link_close":
          if (stack.length > 1) stack.pop();
          break;
        case "footnote_ref":
          top().push({ t: "fnref", n: Number(child.meta?.id) + 1, first: Number(child.meta?.subId) === 0 });
          break;
        default:
          break;
      }
    }
    return mergeText(root);
  }

  /** Splits text at value markers; a value's line breaks become line breaks. */
  private textNodes(text: string): Inline[] {
    const out: Inline[] = [];
    let last = 0;
    for (const match of text.matchAll(MARKER_PATTERN)) {
      if (match.index > last) out.push({ t: "text", v: text.slice(last, match.index) });
      const value = this.values[Number(match[1])] ?? "";
      value.split(/\r?\n/).forEach((line, i) => {
        if (i > 0) out.push({ t: "br" });
        if (line) out.push({ t: "text", v: line });
      });
      last = match.index + match[0].length;
    }
    if (last < text.length) out.push({ t: "text", v: text.slice(last) });
    return out;
  }

  /** Markdown-it percent-encodes the markers in a link address: put the values back. */
  private href(encoded: string): string {
    return encoded.replace(/%EE%80%80(\d+)%EE%80%81/g, (_, index: string) =>
      encodeURI(this.values[Number(index)] ?? ""),
    );
  }

  private next(): Token {
    const token = this.tokens[this.pos];
    this.pos += 1;
    if (!token) throw new Error("markdown token stream ended early");
    return token;
  }
}

function isBlank(nodes: Inline[]): boolean {
  return nodes.every((node) => node.t === "text" && node.v.trim() === "");
}

function mergeText(nodes: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) {
    const previous = out[out.length - 1];
    if (node.t === "text" && previous?.t === "text") previous.v += node.v;
    else {
      if (node.t === "strong" || node.t === "em" || node.t === "link") node.c = mergeText(node.c);
      out.push(node);
    }
  }
  return out;
}
