import { describe, expect, it } from "vitest";
import { withoutPrintedAddresses } from "../../src/learn/read/printed-addresses.ts";
import type { Inline, Letter } from "../../src/letters/model.ts";
import { printedAddress, withPrintedAddresses } from "../../src/letters/render/printed-links.ts";
import { aLetter } from "../support/letter-factory.ts";

// Issue 15: on paper a link's address is printed after its text (PDF and
// Word), unless the text already is the address; learning such a letter back
// gives the link alone.

const text = (v: string): Inline => ({ t: "text", v });
const link = (href: string, words: string): Inline => ({ t: "link", href, c: [text(words)] });

function printed(...inlines: Inline[]): Inline[] {
  const letter: Letter = { ...aLetter(), body: [{ t: "p", c: inlines }], footnotes: [] };
  const [paragraph] = withPrintedAddresses(letter).body;
  return paragraph?.t === "p" ? paragraph.c : [];
}

describe("link addresses on paper", () => {
  it("prints the address after a link whose text is something else", () => {
    const plan = link("https://www.example.org/plan?year=2020", "our plan");
    expect(printed(text("See "), plan, text("."))).toEqual([
      text("See "),
      plan,
      text(" (https://www.example.org/plan?year=2020)"),
      text("."),
    ]);
  });

  it("prints a mail link as the address alone, and nothing where the text is the address", () => {
    const mail = link("mailto:office@example.org?subject=VRU", "write to us");
    expect(printed(mail)).toEqual([mail, text(" (office@example.org)")]);
    const same = link("mailto:office@example.org", "office@example.org");
    const site = link("https://www.example.org/", "example.org");
    expect(printed(same, site)).toEqual([same, site]);
    expect(printedAddress("https://x.org/a?b=1")).toBe("https://x.org/a?b=1");
  });

  it("leaves in-page anchors alone, and reaches links inside bold text, lists and footnotes", () => {
    const anchor = link("#top", "top");
    expect(printed(anchor)).toEqual([anchor]);
    const inBold: Inline = { t: "strong", c: [link("https://a.org/x", "A")] };
    const letter: Letter = {
      ...aLetter(),
      body: [inBold].map((node) => ({ t: "ul" as const, items: [[{ t: "p" as const, c: [node] }]] })),
      footnotes: [{ n: 1, c: [link("https://b.org/y", "B")] }],
    };
    const out = withPrintedAddresses(letter);
    expect(JSON.stringify(out.body)).toContain('"v":" (https://a.org/x)"');
    expect(out.footnotes[0]?.c.at(-1)).toEqual(text(" (https://b.org/y)"));
  });

  it("reads a printed letter back as the link alone, however its address was wrapped", () => {
    const letter = {
      file: "letter.pdf",
      text: "my [Strategic Plan](https://x.org/plan) (https://\nx.org/plan): and [a](https://b.org) (2020) and [c](mailto:c@d.org) (c@d.org).",
    };
    expect(withoutPrintedAddresses(letter).text).toBe(
      "my [Strategic Plan](https://x.org/plan): and [a](https://b.org) (2020) and [c](mailto:c@d.org).",
    );
  });
});
