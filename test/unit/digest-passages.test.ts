import { describe, expect, it } from "vitest";
import { passagesOf } from "../../src/digest/passages.ts";
import { proposeValue } from "../../src/digest/propose-value.ts";
import { rankPassages, type BodyPassages } from "../../src/digest/rank-passages.ts";

// Issue 18's first pieces: a reply's words cut into passages with their file
// and page, the passages ranked against a question (BM25 with the requested
// item's wording), and a value proposed from the best one where the
// question wants one. Replies written in the forms real ones take.

const essexEmail = [
  "Dear Ms Perera,",
  "Thank you for your letter of 13 October 2020 about the VRU.",
  "We do not yet have a published Response Strategy: the VRU board will agree it in March 2021.",
  "Our Strategic Needs Assessment was published on 14 February 2020 and the SNA is attached.",
].join("\n\n");

const essexFile = [
  "Essex Violence and Vulnerability Unit",
  "Strategic priorities",
  "Our three strategic priorities for 2020/21 are early intervention with young people, disrupting county lines, and support for families.",
  "\fFunding",
  "In 2020/21 the VRU invests £1.2m in early intervention programmes, about 40% of the Home Office grant. The programmes reached 1,250 young people.",
].join("\n\n");

const sussexEmail = [
  "Dear Dame Sara,",
  "Our Response Strategy was published on 1 April 2020 and is attached.",
  "Interventions that target criminal exploitation include the county lines rescue and response project and mentoring in custody suites, funded with £350,000.",
].join("\n\n");

function bodies(): BodyPassages[] {
  return [
    {
      body: "essex",
      passages: [
        ...passagesOf({ file: null, text: essexEmail }),
        ...passagesOf({ file: "VRU-plan.pdf", text: essexFile }),
      ],
    },
    { body: "sussex", passages: passagesOf({ file: null, text: sussexEmail }) },
  ];
}

describe("a reply's passages", () => {
  it("keeps a heading with its paragraph, and says which page of which file", () => {
    const passages = passagesOf({ file: "VRU-plan.pdf", text: essexFile });
    expect(passages.map((p) => [p.page, p.text.slice(0, 40)])).toEqual([
      [1, "Essex Violence and Vulnerability Unit St"],
      [2, "Funding: In 2020/21 the VRU invests £1.2"],
    ]);
    expect(passages[0]?.text).toContain("Strategic priorities: Our three strategic priorities");
  });

  it("cuts a long paragraph into windows of whole sentences", () => {
    const long = Array.from({ length: 30 }, (_, i) => `Sentence number ${i + 1} says a little more.`).join(
      " ",
    );
    const passages = passagesOf({ file: null, text: long });
    expect(passages.length).toBeGreaterThan(1);
    expect(passages.every((p) => p.text.length <= 700 && p.text.endsWith("."))).toBe(true);
    expect(passages.map((p) => p.text).join(" ")).toBe(long);
  });
});

describe("passages ranked against a question", () => {
  it("puts the passage that answers a free question first, for each body", () => {
    const ranked = rankPassages({ question: "What are the strategic priorities?" }, bodies());
    expect(ranked.get("essex")?.[0]).toMatchObject({ file: "VRU-plan.pdf", page: 1 });
    expect(ranked.get("essex")?.[0]?.text).toContain("Our three strategic priorities");
    const exploitation = rankPassages(
      { question: "Which interventions target criminal exploitation?" },
      bodies(),
    );
    expect(exploitation.get("sussex")?.[0]?.text).toContain("county lines rescue");
    expect(exploitation.get("essex")?.[0]?.text ?? "").not.toContain("Strategic Needs Assessment");
  });

  it("finds a requested item by its title's words and by its initials", () => {
    const item = {
      question: "Do they have a Strategic Needs Assessment? When was it published?",
      itemTitle: "Problem Profile or Strategic Needs Assessment",
    };
    const [top] = rankPassages(item, bodies()).get("essex") ?? [];
    expect(top?.text).toContain("SNA is attached");
    const onlyInitials = rankPassages(
      { question: "Is there an assessment?", itemTitle: "Strategic Needs Assessment" },
      [
        {
          body: "a",
          passages: passagesOf({ file: null, text: "The SNA for 2020 is enclosed.\n\nWe met in May." }),
        },
      ],
    );
    expect(onlyInitials.get("a")?.[0]?.text).toBe("The SNA for 2020 is enclosed.");
  });

  it("gives a body with nothing relevant no passage at all", () => {
    const ranked = rankPassages({ question: "How many knife arches were bought?" }, bodies());
    expect(ranked.get("sussex")).toEqual([]);
  });
});

describe("values proposed from a passage", () => {
  it("says yes or no only when the passage says it plainly", () => {
    expect(
      proposeValue("yes/no", "Our Response Strategy was published on 1 April 2020 and is attached."),
    ).toEqual({ kind: "yes/no", value: "yes" });
    expect(proposeValue("yes/no", "We do not yet have a published Response Strategy.")).toEqual({
      kind: "yes/no",
      value: "no",
    });
    expect(proposeValue("yes/no", "The board met in May.")).toBeNull();
  });

  it("reads dates as they are written in letters", () => {
    expect(proposeValue("date", "It was published on 14 February 2020 and is attached.")?.value).toBe(
      "2020-02-14",
    );
    expect(proposeValue("date", "The board will agree it in March 2021.")?.value).toBe("2021-03");
    expect(proposeValue("date", "Signed off 01/04/2020 by the board.")?.value).toBe("2020-04-01");
    expect(proposeValue("date", "Dated 2021-06-30.")?.value).toBe("2021-06-30");
    expect(proposeValue("date", "No date was set.")).toBeNull();
  });

  it("reads money in pounds, written out in whole pounds", () => {
    expect(proposeValue("money", "The VRU invests £1.2m in early intervention.")?.value).toBe("1200000");
    expect(proposeValue("money", "funded with £350,000.")?.value).toBe("350000");
    expect(proposeValue("money", "a budget of 2.5 million pounds")?.value).toBe("2500000");
    expect(proposeValue("money", "about 40% of the grant")).toBeNull();
  });

  it("reads a number, passing over years, percentages and money", () => {
    expect(
      proposeValue(
        "number",
        "In 2020/21 the VRU invests £1.2m, about 40% of the grant. It reached 1,250 young people.",
      )?.value,
    ).toBe("1250");
    expect(proposeValue("text", "Anything at all.")).toBeNull();
  });
});
