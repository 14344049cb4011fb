import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import MarkdownIt from "markdown-it";
import markdownItFootnote from "markdown-it-footnote";
import { beforeAll, describe, expect, it } from "vitest";
import { PostbagError } from "../../src/errors.ts";
import { readDocxLetterText } from "../../src/learn/read/docx-letter-text.ts";
import { readHtmlLetterText } from "../../src/learn/read/html-letter-text.ts";
import { writeCampaign } from "../support/campaign-factory.ts";
import { EXAMPLE, postbag, tempDir } from "../support/render-cli.ts";

// The HTML and DOCX readers of `postbag learn`, on letters rendered by the
// real command and on hand-written HTML of the kinds people send.

const html = (source: string) => readHtmlLetterText(source, "letter.html").text;
const lines = (text: string) => text.split("\n");
const blocks = (text: string) => text.trim().split(/\n\n+/);

let out: string;
beforeAll(() => {
  out = tempDir();
  const result = postbag(["render", EXAMPLE, "--out", out, "--format", "html,docx,txt"]);
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
}, 120_000);

const sussex = (
  parse(readFileSync(join(EXAMPLE, "recipients.csv")), { columns: true }) as Record<string, string>[]
).find((row) => row.id === "sussex")!;
const ADDRESS = [
  sussex.name,
  sussex.title,
  ...[1, 2, 3, 4, 5, 6, 7].map((i) => sussex[`address_line_${i}`]),
  sussex.postcode,
].filter((line): line is string => Boolean(line));

/** The example's notes as `[^n]: text`, numbered by first reference, as every rendering numbers them. */
function expectedNotes(): string[] {
  const template = readFileSync(join(EXAMPLE, "letter.md"), "utf8");
  const definitions = new Map([...template.matchAll(/^\[\^(\w+)\]: (.*)$/gm)].map((m) => [m[1], m[2]]));
  const order = [...new Set([...template.matchAll(/\[\^(\w+)\](?!:)/g)].map((m) => m[1]))];
  return order.map((label, i) => `[^${i + 1}]: ${definitions.get(label)}`);
}

/** The body paragraphs (salutation to sign-off) with links and references as the txt letter prints them. */
function bodyParagraphs(text: string): string[] {
  const all = blocks(text).map((block) => block.replace(/\s+/g, " "));
  return all.slice(all.indexOf("Dear Katy,") + 1, all.indexOf("Yours sincerely,"));
}
const asTxtPrintsThem = (paragraph: string) =>
  paragraph
    .replace(/\[([^\]]+)\]\(mailto:\1\)/g, "$1")
    .replace(/\[([^\]]+)\]\(((?:https?|mailto):[^)]+)\)/g, "$1 <$2>")
    .replace(/\[\^(\d+)\]/g, "[$1]");

describe.each([
  [
    "sussex.html",
    async () => readHtmlLetterText(readFileSync(join(out, "sussex.html"), "utf8"), "sussex.html"),
  ],
  ["sussex.docx", async () => readDocxLetterText(readFileSync(join(out, "sussex.docx")), "sussex.docx")],
])("reading the example's %s", (file, read) => {
  let text: string;
  beforeAll(async () => {
    const result = await read();
    expect(result.file).toBe(file);
    text = result.text;
  });

  it("puts each address line on its own line, in order", () => {
    const nonBlank = lines(text).filter((line) => line !== "");
    const start = nonBlank.indexOf(ADDRESS[0]!);
    expect(start).toBeGreaterThan(-1);
    expect(nonBlank.slice(start, start + ADDRESS.length)).toEqual(ADDRESS);
    expect(ADDRESS).toContain("Office of the Sussex Police & Crime Commissioner");
  });

  it("keeps the date and the salutation on lines of their own", () => {
    expect(lines(text)).toContain("13 October 2020");
    expect(lines(text)).toContain("Dear Katy,");
  });

  it("gives exactly the example's five notes, each a block of its own", () => {
    expect(blocks(text).filter((block) => block.startsWith("[^"))).toEqual(expectedNotes());
  });

  it("glues each reference to the word it marks", () => {
    for (const marked of [
      "announcement[^1] in late 2019",
      "modern slavery[^2], therefore",
      "report[^3] recently",
      "findings[^4] from",
      "trafficking[^5] to inform",
    ]) {
      expect(text).toContain(marked);
    }
    expect(text).toContain(
      "my [Strategic Plan 2019-2021](https://www.antislaverycommissioner.co.uk/): improving",
    );
  });

  it("has the txt letter's body paragraphs, word for word", () => {
    const txt = readFileSync(join(out, "sussex.txt"), "utf8");
    const paragraphs = bodyParagraphs(text);
    expect(paragraphs).toHaveLength(7);
    expect(paragraphs.map(asTxtPrintsThem)).toEqual(bodyParagraphs(txt));
  });

  it("leaves no HTML, entities or source wrapping behind", () => {
    expect(text).not.toMatch(/<(?!<page>>)[a-z/!]|&[a-z#0-9]+;|↩|↑| {2}/i);
  });
});

describe("reading hand-written HTML", () => {
  it("decodes named and numeric entities and normalises invisible characters", () => {
    expect(
      html(
        "<p>Smith &amp; Sons &lt;Ltd&gt; &mdash; caf&eacute; &#8217;s &#x2019;s a&nbsp;b co&#8203;ordinate\u200d</p>",
      ),
    ).toBe("Smith & Sons <Ltd> — café ’s ’s a b coordinate\n");
  });

  it("puts address lines on lines of their own, whether split by <br> or by paragraph", () => {
    const byBreaks = html(`<address>Ann Smith<br>
      Leader of the Council<br/>Southover House <br>\n Lewes<br>BN7 1AB</address><p>Dear Ann,</p>`);
    expect(byBreaks).toBe("Ann Smith\nLeader of the Council\nSouthover House\nLewes\nBN7 1AB\n\nDear Ann,\n");
    const byParagraphs = html("<div><p>Ann Smith</p><p>Southover House</p><p>BN7 1AB</p></div>");
    expect(lines(byParagraphs).filter(Boolean)).toEqual(["Ann Smith", "Southover House", "BN7 1AB"]);
  });

  it("collapses the source's wrapping inside a paragraph", () => {
    expect(html("<p>\n  I was pleased\n    to see the\tannouncement.\n</p>")).toBe(
      "I was pleased to see the announcement.\n",
    );
  });

  it("reads a note printed at a page's foot in the middle of a split paragraph, and the page break", () => {
    const text = html(`
      <p>I was pleased to see the announcement <sup>1</sup> in late</p>
      <p><sup>1</sup> Home Office (2019) <a href="https://www.gov.uk/x">Funding</a></p>
      <p style="font-size:8pt">Page 1 of 2</p>
      <hr>
      <p>2019 regarding the investment<sup>[2]</sup>.</p>
      <p><sup>2</sup>Second note<br><sup>3</sup> Third note</p>`);
    expect(blocks(text)).toEqual([
      "I was pleased to see the announcement[^1] in late",
      "[^1]: Home Office (2019) [Funding](https://www.gov.uk/x)",
      "Page 1 of 2",
      "<<page>>",
      "2019 regarding the investment[^2].",
      "[^2]: Second note",
      "[^3]: Third note",
    ]);
  });

  it("reads a CSS page break, as Word's HTML writes it, as a page break", () => {
    const text =
      html(`<p>First page</p><br clear=all style='mso-special-character:line-break;page-break-before:always'>
      <p>Second page</p><div style="break-after: page">Still second</div><p>Third</p>`);
    expect(blocks(text)).toEqual([
      "First page",
      "<<page>>",
      "Second page",
      "Still second",
      "<<page>>",
      "Third",
    ]);
  });

  it("leaves out the head, scripts, styles, comments and hidden text", () => {
    const text = html(`<!DOCTYPE html><html><head><title>Letter</title><style>p { color: red }</style>
      <script>alert("x < y")</script></head><body><!-- a comment --><p>Dear Ann,</p>
      <script>document.write("no")</script><h2 class="visually-hidden">Footnotes</h2>
      <p hidden>draft</p><p style="display: none">secret</p><noscript>no</noscript></body></html>`);
    expect(text).toBe("Dear Ann,\n");
  });

  it("keeps absolute links as [text](url) and drops other links to their text", () => {
    expect(
      html(`<p>See <a href="/about">our office</a>, <a href="#part">part 2</a>,
        <a href=" https://example.org/a b "> the site </a> or <a href="MAILTO:ann@example.org">write</a>.</p>`),
    ).toBe(
      "See our office, part 2, [the site](https://example.org/a%20b) or [write](MAILTO:ann@example.org).\n",
    );
  });

  it("writes bold, italic and headings as the dialect's markers", () => {
    expect(
      html(
        "<h1>Violence <br>Reduction Units</h1><p>A <b> bold </b>and<i>italic</i> <strong></strong>word.</p>",
      ),
    ).toBe("# Violence Reduction Units\n\nA **bold** and*italic* word.\n");
  });

  it("keeps list markers, each item a block, a nested list's lines kept", () => {
    const text = html(
      '<ul><li>One</li><li><p>Two</p><ul><li>Two a</li></ul></li></ul><ol start="3"><li>Three</li></ol>',
    );
    expect(blocks(text)).toEqual(["- One", "- Two\n- Two a", "3. Three"]);
  });

  it("reads markdown-it-footnote's notes and leaves out its rule and back links", () => {
    const md = new MarkdownIt().use(markdownItFootnote);
    const text = html(
      md.render("It was announced[^a] and blogged[^b].\n\n[^a]: Home Office\n\n[^b]: A *blog*\n"),
    );
    expect(blocks(text)).toEqual([
      "It was announced[^1] and blogged[^2].",
      "[^1]: Home Office",
      "[^2]: A *blog*",
    ]);
  });

  it('reads the notes of Word\'s "Save as Web Page", which are not <sup>', () => {
    const text = html(`<p class=MsoNormal>the announcement<a style='mso-footnote-id:ftn1' href="#_ftn1"
      name="_ftnref1"><span class=MsoFootnoteReference><span style='mso-special-character:footnote'><![if !supportFootnotes]><span
      class=MsoFootnoteReference>[1]</span><![endif]></span></span></a> in late 2019</p>
      <div style='mso-element:footnote-list'><![if !supportFootnotes]><br clear=all><hr align=left size=1 width="33%"><![endif]>
      <div style='mso-element:footnote' id=ftn1><p class=MsoFootnoteText><a style='mso-footnote-id:ftn1' href="#_ftnref1"
      name="_ftn1"><span class=MsoFootnoteReference>[1]</span></a> Home Office (2019)</p></div></div>`);
    expect(blocks(text)).toEqual(["the announcement[^1] in late 2019", "[^1]: Home Office (2019)"]);
  });

  it("reads a superscript that is not a note number as its text", () => {
    expect(html("<p>The 1<sup>st</sup> of May</p>")).toBe("The 1st of May\n");
  });
});

describe("reading Word documents", () => {
  it("reads a page break in a Word letter, as in its HTML", async () => {
    const campaign = await writeCampaign({ letter: "First page.\n\n---\n\nSecond page.\n" });
    const dir = join(tempDir(), "out");
    expect(postbag(["render", campaign, "--out", dir, "--format", "html,docx"]).status).toBe(0);
    const docx = await readDocxLetterText(readFileSync(join(dir, "lewes.docx")), "lewes.docx");
    const fromHtml = readHtmlLetterText(readFileSync(join(dir, "lewes.html"), "utf8"), "lewes.html");
    for (const { text } of [docx, fromHtml]) {
      expect(text).toContain("First page.\n\n<<page>>\n\nSecond page.");
    }
  });

  it("refuses a file that is not a Word document, naming it", async () => {
    const bytes = new TextEncoder().encode("not a zip at all");
    const error = await readDocxLetterText(bytes, "letters/old-letter.docx").catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(PostbagError);
    expect(error).toMatchObject({ code: "learn", location: { file: "letters/old-letter.docx" } });
    expect((error as PostbagError).message).toMatch(
      /^letters\/old-letter\.docx: the file could not be read as a Word document \(\.docx\)/,
    );
  });

  it("refuses a zip that is not a Word document, naming it", async () => {
    const { zipSync, strToU8 } = await import("fflate");
    const bytes = zipSync({ "readme.txt": strToU8("hello") });
    await expect(readDocxLetterText(bytes, "notes.docx")).rejects.toMatchObject({
      code: "learn",
      location: { file: "notes.docx" },
    });
  });
});
