import type { Block, Inline, Letter } from "../../src/letters/model.ts";

// Builds letters for renderer tests: a small, complete letter by default,
// with any part replaced by the test.

export const text = (v: string): Inline => ({ t: "text", v });
export const para = (...c: Inline[]): Block => ({ t: "p", c });

export function aLetter(overrides: Partial<Letter> = {}): Letter {
  return {
    id: "sussex",
    title: "VRU letters: letter to Katy Bourne OBE",
    lang: "en-GB",
    date: "13 October 2020",
    created: { year: 2020, month: 10, day: 13 },
    sender: {
      name: "Dame Sara Thornton DBE QPM",
      role: "Independent Anti-Slavery Commissioner",
      address: ["5th Floor, Globe House", "89 Eccleston Square", "London, SW1V 1PN"],
      phone: "+44 (0) 20 3513 0477",
      email: "office@example.org",
    },
    signatory: { name: "Dame Sara Thornton", role: "Independent Anti-Slavery Commissioner", signature: null },
    address: [
      "Katy Bourne OBE",
      "Sussex Police and Crime Commissioner",
      "Sackville House",
      "Lewes",
      "BN7 2FZ",
    ],
    salutation: "Dear Katy",
    sign_off: "Yours sincerely",
    body: [
      { t: "h", c: [text("Violence Reduction Units")] },
      para(
        text("I was pleased to see the announcement"),
        { t: "fnref", n: 1, first: true },
        text(" in late 2019 and read "),
        { t: "strong", c: [text("the report")] },
        text(" and "),
        { t: "em", c: [text("its annex")] },
        text("."),
      ),
      { t: "ul", items: [[para(text("first point"))], [para(text("second point"))]] },
      { t: "ol", start: 1, items: [[para(text("first step"))], [para(text("second step"))]] },
      para(
        text("See "),
        { t: "link", href: "https://www.gov.uk/", c: [text("GOV.UK")] },
        text(" and the report again"),
        { t: "fnref", n: 1, first: false },
        text(" and another"),
        { t: "fnref", n: 2, first: true },
        text("."),
      ),
    ],
    footnotes: [
      {
        n: 1,
        c: [text("Home Office (2019) "), { t: "link", href: "https://www.gov.uk/a", c: [text("Funding")] }],
      },
      { n: 2, c: [text("Second note")] },
    ],
    source: {
      file: "recipients.csv",
      row: 2,
      rowLabel: "line",
      addressColumns: ["name", "title", "address_line_1", "address_line_2", "postcode"],
    },
    ...overrides,
  };
}
