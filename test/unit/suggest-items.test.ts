import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { suggestItems, type ReplyToMatch } from "../../src/replies/suggest-items.ts";

// The example campaign's own requests, read from its campaign.yaml, against
// replies worded the way Police and Crime Commissioners' offices write.

const campaign = parse(
  readFileSync(new URL("../../examples/vru-2020/campaign.yaml", import.meta.url), "utf8"),
) as {
  requests: { id: string; title: string }[];
};
const requests = campaign.requests;

const reply = (parts: Partial<ReplyToMatch>): ReplyToMatch => ({ text: "", fileNames: [], ...parts });
const ids = (parts: Partial<ReplyToMatch>) => suggestItems(requests, reply(parts)).map((s) => s.itemId);

describe("suggestItems with the VRU campaign's requests", () => {
  it("reads the three requests from the example campaign", () => {
    expect(requests.map((r) => r.id)).toEqual(["needs-assessment", "response-strategy", "delivery-updates"]);
  });

  it('suggests the needs assessment for "SNA" and says why', () => {
    const [first, ...rest] = suggestItems(
      requests,
      reply({ text: "Dear Dame Sara,\n\nPlease find attached our SNA, as requested.\n\nKind regards" }),
    );
    expect(first?.itemId).toBe("needs-assessment");
    expect(first?.because).toContain('the text has "SNA", short for Strategic Needs Assessment');
    expect(first?.because).toContain('"Please find attached our SNA, as requested."');
    expect(rest).toEqual([]);
  });

  it("takes either half of a title that offers a choice", () => {
    expect(ids({ text: "Our Problem Profile was refreshed in March." })).toEqual(["needs-assessment"]);
    expect(ids({ text: "The Strategic Needs Assessments for 2019 and 2020 are attached." })).toEqual([
      "needs-assessment",
    ]);
  });

  it("suggests an item the office says it does not hold: that still answers it", () => {
    const [suggestion] = suggestItems(
      requests,
      reply({ text: "Thank you for your letter. We do not hold a response strategy at present." }),
    );
    expect(suggestion?.itemId).toBe("response-strategy");
    expect(suggestion?.because).toContain('the text has "response strategy"');
    expect(suggestion?.because).toContain("We do not hold a response strategy at present.");
  });

  it("matches phrases in file names, underscores and hyphens as spaces", () => {
    const [suggestion] = suggestItems(requests, reply({ fileNames: ["VRU_Response-Strategy_2020.pdf"] }));
    expect(suggestion).toEqual({
      itemId: "response-strategy",
      score: 0.9,
      because: 'the file name "VRU_Response-Strategy_2020.pdf" has "response strategy"',
    });
    expect(ids({ fileNames: ["ResponseStrategy.docx"] })).toEqual(["response-strategy"]);
    expect(ids({ fileNames: ["essex_sna_final.pdf"] })).toEqual(["needs-assessment"]);
  });

  it("matches most of a title's words in any order, e.g. a delivery update", () => {
    const [suggestion] = suggestItems(requests, reply({ fileNames: ["VRU Delivery Update Q3.pdf"] }));
    expect(suggestion?.itemId).toBe("delivery-updates");
    expect(suggestion?.because).toBe(
      'the file name "VRU Delivery Update Q3.pdf" has the words "update", "delivery"',
    );
    expect(ids({ text: "I enclose an update on progress with delivery since April." })).toEqual([
      "delivery-updates",
    ]);
  });

  it("suggests every item a full reply answers, file names first", () => {
    const suggestions = suggestItems(
      requests,
      reply({
        subject: "RE: Violence Reduction Units",
        text: "Please find attached our Strategic Needs Assessment and Response Strategy.",
        fileNames: ["Response_Strategy.pdf", "SNA 2020.pdf", "VRU Delivery Update Q3.pdf"],
      }),
    );
    expect(suggestions.map((s) => s.itemId).sort()).toEqual([
      "delivery-updates",
      "needs-assessment",
      "response-strategy",
    ]);
    const strategy = suggestions.find((s) => s.itemId === "response-strategy");
    expect(strategy?.because).toContain('the file name "Response_Strategy.pdf" has "response strategy"');
    expect(strategy?.score).toBeGreaterThan(0.9);
    expect(suggestions.map((s) => s.score)).toEqual(
      [...suggestions.map((s) => s.score)].sort((a, b) => b - a),
    );
  });

  it("ignores our own letter quoted below the reply", () => {
    const text = [
      "Thank you, we will reply in full next week.",
      "",
      "On Tue, 13 Oct 2020 at 09:12, IASC Office <office@example.org> wrote:",
      "> I would be grateful for a copy of your Problem Profile or Strategic Needs Assessment,",
      "> your Response Strategy, and updates on progress on delivery.",
    ].join("\n");
    expect(ids({ text })).toEqual([]);
  });

  it("suggests nothing for an unrelated reply", () => {
    expect(
      ids({
        subject: "Automatic reply: Out of office",
        text: "I am out of the office until Monday 19 October. For urgent matters please contact the office, who will respond.",
        fileNames: ["Invoice_2020-10.pdf", "logo.png"],
      }),
    ).toEqual([]);
  });

  it("does not take one shared word, or lower-case letters in prose, for an item", () => {
    expect(ids({ text: "Our strategy for the estate is under review; the snag list is attached." })).toEqual(
      [],
    );
    expect(ids({ text: "The sna team" })).toEqual([]);
  });
});
