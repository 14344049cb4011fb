import { PostbagError } from "../../errors.ts";

// The template language's own syntax: GOV.UK Notify's `((field))` and
// `((flag??text))`, found before Markdown is parsed. Everything else is
// Markdown and is left as text here.

export type Segment =
  | { kind: "text"; text: string }
  | { kind: "field"; name: string; line: number }
  | { kind: "conditional"; name: string; line: number; body: Segment[] };

export interface ParsedTemplate {
  segments: Segment[];
  /** Every placeholder and flag name used, with the line of its first use. */
  names: Map<string, number>;
  /** The names used as flags, `((flag??text))`: their values must say yes or no. */
  flags: Set<string>;
}

/** Parses a template, or throws naming the file and line of the first syntax error. */
export function parseTemplate(source: string, file: string): ParsedTemplate {
  const parser = new TemplateParser(source, file);
  const segments = parser.segments(false);
  return { segments, names: parser.names, flags: parser.flags };
}

class TemplateParser {
  private pos = 0;
  readonly names = new Map<string, number>();
  readonly flags = new Set<string>();

  constructor(
    private readonly source: string,
    private readonly file: string,
  ) {}

  /** Reads segments up to the end, or (inside a conditional) up to its `))`. */
  segments(inConditional: boolean): Segment[] {
    const out: Segment[] = [];
    let text = "";
    // Parentheses of the text itself, e.g. a Markdown link inside conditional
    // text: "))" closes the conditional only when they are balanced.
    let depth = 0;
    const flush = (): void => {
      if (text) out.push({ kind: "text", text });
      text = "";
    };
    while (this.pos < this.source.length) {
      if (inConditional && depth === 0 && this.source.startsWith("))", this.pos)) {
        flush();
        return out;
      }
      // "(((x)))" is a literal "(" around a placeholder, as in a Markdown link.
      if (this.source.startsWith("(((", this.pos)) {
        text += "(";
        depth += 1;
        this.pos += 1;
        continue;
      }
      if (this.source.startsWith("((", this.pos)) {
        flush();
        out.push(this.placeholder());
        continue;
      }
      const ch = this.source[this.pos] ?? "";
      if (ch === "(") depth += 1;
      else if (ch === ")" && depth > 0) depth -= 1;
      text += ch;
      this.pos += 1;
    }
    flush();
    return out;
  }

  private placeholder(): Segment {
    const start = this.pos;
    const line = this.lineAt(start);
    this.pos += 2;
    const nameEnd = this.findNameEnd();
    if (nameEnd === -1) {
      throw new PostbagError("template", `"((" is not closed by "))" on the same line`, {
        file: this.file,
        line,
      });
    }
    const name = this.source.slice(this.pos, nameEnd).trim();
    if (!name) {
      throw new PostbagError("template", `"((" has no placeholder name`, { file: this.file, line });
    }
    if (!this.names.has(name)) this.names.set(name, line);
    if (this.source.startsWith("))", nameEnd)) {
      this.pos = nameEnd + 2;
      return { kind: "field", name, line };
    }
    this.pos = nameEnd + 2; // past "??"
    this.flags.add(name);
    const body = this.segments(true);
    if (!this.source.startsWith("))", this.pos)) {
      throw new PostbagError("template", `"((${name}??" is not closed by "))"`, {
        file: this.file,
        line,
      });
    }
    this.pos += 2;
    return { kind: "conditional", name, line, body };
  }

  /** The index of the `))` or `??` ending a name, or -1 if the line ends first. */
  private findNameEnd(): number {
    for (let i = this.pos; i < this.source.length; i += 1) {
      const ch = this.source[i];
      if (ch === "\n") return -1;
      if (this.source.startsWith("))", i) || this.source.startsWith("??", i)) return i;
      if (ch === "(") return -1;
    }
    return -1;
  }

  private lineAt(index: number): number {
    let line = 1;
    for (let i = 0; i < index; i += 1) if (this.source.charCodeAt(i) === 10) line += 1;
    return line;
  }
}
