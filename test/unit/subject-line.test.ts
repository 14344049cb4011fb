import { describe, expect, it } from "vitest";
import type { Block } from "../../src/letters/model.ts";
import { subjectLine } from "../../src/letters/subject-line.ts";

// An email's Subject is the letter's subject line (its first heading), as plain words.

const text = (v: string) => ({ t: "text" as const, v });

describe("subjectLine", () => {
  it("is the first heading's words, without link addresses, footnote marks or line breaks", () => {
    const body: Block[] = [
      { t: "p", c: [text("Dear Sir")] },
      {
        t: "h",
        c: [
          text("Your "),
          { t: "strong", c: [text("unit's")] },
          text(" "),
          { t: "link", href: "https://example.org/s", c: [text("strategy")] },
          { t: "fnref", n: 1, first: true },
          { t: "br" },
          text("  and plan"),
        ],
      },
      { t: "h", c: [text("A second heading")] },
    ];
    expect(subjectLine({ body })).toBe("Your unit's strategy and plan");
  });

  it("is null without a heading, or with an empty one", () => {
    expect(subjectLine({ body: [{ t: "p", c: [text("Dear Sir")] }] })).toBeNull();
    expect(subjectLine({ body: [{ t: "h", c: [text("  ")] }] })).toBeNull();
  });
});
