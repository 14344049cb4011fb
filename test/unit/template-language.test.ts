import { describe, expect, it } from "vitest";
import { isPostbagError } from "../../src/errors.ts";
import type { Block, Inline } from "../../src/letters/model.ts";
import { signOffFor } from "../../src/letters/sign-off.ts";
import { checkPlaceholders, expandTemplate } from "../../src/letters/template/expand-template.ts";
import { markdownToModel } from "../../src/letters/template/markdown-to-model.ts";
import { isTruthy, normaliseName } from "../../src/letters/template/names.ts";
import { parseTemplate } from "../../src/letters/template/parse-template.ts";
import { INJECTION_VALUES } from "../support/injection-values.ts";

/** Renders a template for one recipient's fields to the letter model. */
function compose(template: string, fields: Record<string, string> = {}) {
  const parsed = parseTemplate(template, "letter.md");
  checkPlaceholders(parsed, Object.keys(fields), "letter.md");
  const values = new Map(Object.entries(fields).map(([name, value]) => [normaliseName(name), value]));
  return markdownToModel(expandTemplate(parsed, values));
}

const plain = (nodes: Inline[]): string =>
  nodes
    .map((node) =>
      node.t === "text"
        ? node.v
        : node.t === "fnref"
          ? `[${node.n}]`
          : node.t === "br"
            ? "\n"
            : "c" in node
              ? plain(node.c)
              : "",
    )
    .join("");
const bodyText = (blocks: Block[]) =>
  blocks.map((block) => ("c" in block ? plain(block.c) : block.t)).join("\n");

function errorOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (isPostbagError(error)) return error;
    throw error;
  }
  throw new Error("expected a PostbagError");
}

describe("placeholders", () => {
  it("match columns ignoring case, spaces, _ and -", () => {
    for (const name of ["Council Name", "council_name", "COUNCIL-NAME", "council name", "councilname"]) {
      expect(bodyText(compose(`To ((${name})).`, { council_name: "Lewes" }).body)).toBe("To Lewes.");
    }
  });

  it("insert an empty value as nothing", () => {
    expect(bodyText(compose("A((x))B", { x: "" }).body)).toBe("AB");
  });

  it("drop a paragraph that holds only an empty value", () => {
    expect(compose("One\n\n((x))\n\nTwo", { x: "" }).body).toHaveLength(2);
  });

  it("refuse a placeholder with no column, naming it and its line", () => {
    const error = errorOf(() => compose("Dear all,\n\nWe met ((mayor name)).", { name: "x" }));
    expect(error.location).toEqual({ file: "letter.md", line: 3 });
    expect(error.message).toContain("((mayor name))");
    expect(error.message).toMatch(/^letter\.md, line 3: unknown placeholder/);
  });

  it('refuse an unclosed "((" with its line', () => {
    const error = errorOf(() => compose("One\nTwo ((name\nThree", { name: "x" }));
    expect(error.message).toBe('letter.md, line 2: "((" is not closed by "))" on the same line');
  });

  it("refuse an unclosed conditional", () => {
    const error = errorOf(() => compose("One\n((flag??text", { flag: "yes" }));
    expect(error.location.line).toBe(2);
  });

  it("keep a placeholder inside a link's parentheses", () => {
    const { body } = compose("[site](((url)))", { url: "https://example.org/a b" });
    expect(body[0]).toEqual({
      t: "p",
      c: [{ t: "link", href: "https://example.org/a%20b", c: [{ t: "text", v: "site" }] }],
    });
  });
});

describe("conditional text ((flag??text))", () => {
  it.each(["yes", "Y", "true", "T", "1", "include", "SHOW", " Yes "])("shows the text for %j", (value) => {
    expect(isTruthy(value)).toBe(true);
    expect(bodyText(compose("A((f??, shown)).", { f: value }).body)).toBe("A, shown.");
  });

  it.each(["no", "n", "false", "0", "", "maybe", "hide"])("hides the text for %j", (value) => {
    expect(bodyText(compose("A((f??, shown)).", { f: value }).body)).toBe("A.");
  });

  it("may hold placeholders, footnote references and formatting", () => {
    const template = "Hello((vip?? **dear** ((name))[^a] and [link](https://x.org)))!\n\n[^a]: A note";
    const { body, footnotes } = compose(template, { vip: "yes", name: "Ann" });
    expect(body[0]).toEqual({
      t: "p",
      c: [
        { t: "text", v: "Hello " },
        { t: "strong", c: [{ t: "text", v: "dear" }] },
        { t: "text", v: " Ann" },
        { t: "fnref", n: 1, first: true },
        { t: "text", v: " and " },
        { t: "link", href: "https://x.org", c: [{ t: "text", v: "link" }] },
        { t: "text", v: "!" },
      ],
    });
    expect(footnotes).toEqual([{ n: 1, c: [{ t: "text", v: "A note" }] }]);
  });

  it("checks the placeholders inside conditional text too", () => {
    expect(errorOf(() => compose("((f??((missing))))", { f: "yes" })).message).toContain("((missing))");
  });
});

describe("footnotes", () => {
  const template =
    "First[^b], second[^a], again[^b].\n\n[^a]: Note A\n\n[^b]: Note B\n\n[^c]: Never referenced";

  it("are numbered in order of first reference, unreferenced ones left out", () => {
    const { body, footnotes } = compose(template);
    expect(bodyText(body)).toBe("First[1], second[2], again[1].");
    expect(footnotes.map((note) => [note.n, plain(note.c)])).toEqual([
      [1, "Note B"],
      [2, "Note A"],
    ]);
  });

  it("mark only the first reference to a note as first", () => {
    const refs = (compose(template).body[0] as { c: Inline[] }).c.filter((node) => node.t === "fnref");
    expect(refs).toEqual([
      { t: "fnref", n: 1, first: true },
      { t: "fnref", n: 2, first: true },
      { t: "fnref", n: 1, first: false },
    ]);
  });

  it("are numbered per letter: a note referenced only in hidden text is not printed", () => {
    const source = "A((f??[^x])) and B[^y].\n\n[^x]: X\n\n[^y]: Y";
    expect(compose(source, { f: "no" }).footnotes.map((note) => plain(note.c))).toEqual(["Y"]);
    expect(compose(source, { f: "yes" }).footnotes.map((note) => plain(note.c))).toEqual(["X", "Y"]);
  });
});

describe("Markdown", () => {
  it("turns # into a subject line, --- and *** into page breaks, and keeps lists", () => {
    const { body } = compose("# Subject\n\nText\n\n---\n\n- a\n- b\n\n***\n\n3. c\n4. d");
    expect(body.map((block) => block.t)).toEqual(["h", "p", "pagebreak", "ul", "pagebreak", "ol"]);
    expect(body[5]).toMatchObject({ t: "ol", start: 3 });
  });

  it("treats raw HTML in the template as text", () => {
    expect(bodyText(compose("a <b>bold</b>").body)).toBe("a <b>bold</b>");
  });

  it("drops links with unsafe addresses but keeps their text", () => {
    expect(compose("[x](((u)))", { u: "javascript:alert(1)" }).body[0]).toEqual({
      t: "p",
      c: [{ t: "text", v: "x" }],
    });
  });
});

describe("values are data", () => {
  const values = INJECTION_VALUES;

  it.each(values)("%j is printed as written", (value) => {
    const { body, footnotes } = compose("Value: ((v))[^a]\n\n[^a]: note", { v: value });
    expect(body).toEqual([
      {
        t: "p",
        c: [
          { t: "text", v: `Value: ${value}` },
          { t: "fnref", n: 1, first: true },
        ],
      },
    ]);
    expect(footnotes).toHaveLength(1);
  });

  it("at the start of a line, a value cannot become a heading or list", () => {
    expect(compose("((v))", { v: "# not a heading" }).body).toEqual([
      { t: "p", c: [{ t: "text", v: "# not a heading" }] },
    ]);
  });

  it("cannot forge a marker from the template text", () => {
    expect(bodyText(compose("x\uE0000\uE001y((v))", { v: "V" }).body)).toBe("x0yV");
  });
});

describe("sign-off", () => {
  it.each(["Dear Sir or Madam", "Dear Sir", "Dear Madam", "Dear Sirs", "dear sir or madam,"])(
    "%j signs off Yours faithfully",
    (salutation) => {
      expect(signOffFor(salutation)).toBe("Yours faithfully");
    },
  );

  it.each(["Dear Katy", "Dear Dr Billings", "Dear Sir Keir"])(
    "%j signs off Yours sincerely",
    (salutation) => {
      expect(signOffFor(salutation)).toBe("Yours sincerely");
    },
  );

  it("is overridden by a sign_off value", () => {
    expect(signOffFor("Dear Sir", "With best wishes")).toBe("With best wishes");
  });
});

describe("the letter fonts' coverage", () => {
  it("takes ASCII, Latin-1 and Latin Extended-A as printable without reading the fonts, rightly", async () => {
    const { unprintableCharacter } = await import("../../src/letters/font-coverage.ts");
    // The fast path's claim, checked against the fonts themselves one character at a time.
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
    for (const code of [...range(0x21, 0x7e), ...range(0xa1, 0x17f)]) {
      expect(unprintableCharacter(`${String.fromCodePoint(code)}\u0100\u3000x王`), code.toString(16)).toBe(
        "王",
      );
    }
    expect(unprintableCharacter("Zoë Ŵyn ✓ → 😀 अ")).toBeNull();
    expect(unprintableCharacter("a ＝ b")).toBe("＝");
  });
});
