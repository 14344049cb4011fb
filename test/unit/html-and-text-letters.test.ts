import { describe, expect, it } from "vitest";
import { renderHtml } from "../../src/letters/render/html.ts";
import { renderTxt } from "../../src/letters/render/txt.ts";
import { aLetter } from "../support/letter-factory.ts";
import { aPngSignature } from "../support/signature-images.ts";

describe("HTML letter", () => {
  const html = renderHtml(aLetter());

  it("is a self-contained page with a language, a title and print styles", () => {
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en-GB">/);
    expect(html).toContain("<title>VRU letters: letter to Katy Bourne OBE</title>");
    expect(html).toContain("@media print");
    expect(html).toContain("@page { size: A4;");
    expect(html).not.toMatch(/<(link|script)\b/);
    expect(html).not.toMatch(/src="https?:/);
  });

  it("writes the address as the lines of an <address>", () => {
    expect(html).toContain(
      '<address class="recipient">Katy Bourne OBE<br>\nSussex Police and Crime Commissioner<br>\nSackville House<br>\nLewes<br>\nBN7 2FZ</address>',
    );
  });

  it("lists footnotes in order, with links to and from each first reference", () => {
    expect(html).toContain('<a href="#fn1" id="fnref1" aria-label="Footnote 1">1</a>');
    expect(html).toContain('<a href="#fn1" aria-label="Footnote 1">1</a>'); // the second reference
    expect(html.match(/id="fnref1"/g)).toHaveLength(1);
    const notes = [...html.matchAll(/<li id="fn(\d)">(.*?) <a href="#fnref(\d)" class="back"/g)];
    expect(notes.map((note) => [note[1], note[3]])).toEqual([
      ["1", "1"],
      ["2", "2"],
    ]);
    expect(notes[0]?.[2]).toBe('Home Office (2019) <a href="https://www.gov.uk/a">Funding</a>');
  });

  it("embeds the signature with alternative text", () => {
    const signed = renderHtml(
      aLetter({ signatory: { name: "Pat", role: "Chair", signature: aPngSignature() } }),
    );
    expect(signed).toMatch(
      /<img class="signature" alt="Signature of Pat" src="data:image\/png;base64,[A-Za-z0-9+/=]+">/,
    );
  });
});

describe("text letter", () => {
  const txt = renderTxt(aLetter());

  it("puts address lines one per line and a blank line between paragraphs", () => {
    expect(txt).toContain(
      "Katy Bourne OBE\nSussex Police and Crime Commissioner\nSackville House\nLewes\nBN7 2FZ\n\n13 October 2020\n\nDear Katy,\n\n",
    );
    expect(txt).toContain(
      "Violence Reduction Units\n\nI was pleased to see the announcement[1] in late 2019",
    );
  });

  it("ends with the footnotes as [n]", () => {
    expect(txt.endsWith("[1] Home Office (2019) Funding <https://www.gov.uk/a>\n\n[2] Second note\n")).toBe(
      true,
    );
  });

  it("keeps lists as lists", () => {
    expect(txt).toContain("- first point\n- second point");
    expect(txt).toContain("1. first step\n2. second step");
  });
});
