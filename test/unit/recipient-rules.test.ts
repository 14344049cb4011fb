import { describe, expect, it } from "vitest";
import { findRecipientProblems } from "../../src/campaigns/recipients.ts";
import { addressBlock } from "../../src/letters/address-block.ts";
import { addressProblems, ukPostcode } from "../../src/letters/postal-address.ts";
import { aRow, type Row } from "../support/campaign-factory.ts";

// Issue 15: recipients' addresses checked as GOV.UK Notify checks them before
// posting (its published rules for letters), when the file is imported.

describe("a UK postcode", () => {
  it("is accepted in any spacing and case, and printed as Royal Mail sorts it", () => {
    const cases: [string, string | null][] = [
      ["SW1A 1AA", "SW1A 1AA"],
      ["sw1a1aa", "SW1A 1AA"],
      ["  ng5   6lu ", "NG5 6LU"],
      ["EC1A 1BB", "EC1A 1BB"],
      ["W1A 0AX", "W1A 0AX"],
      ["M1 1AE", "M1 1AE"],
      ["B33 8TH", "B33 8TH"],
      ["CR2 6XH", "CR2 6XH"],
      ["DN55 1PT", "DN55 1PT"],
      ["BT7 1NN", "BT7 1NN"],
      ["GY1 1AA", "GY1 1AA"],
      ["JE2 3AB", "JE2 3AB"],
      ["IM1 1AD", "IM1 1AD"],
      ["BF1 3AA", "BF1 3AA"],
    ];
    for (const [text, printed] of cases) expect([text, ukPostcode(text)]).toEqual([text, printed]);
  });

  it("is refused when its shape or its area is wrong", () => {
    const refused = [
      "XYZ 123", // no such shape
      "QQ1 1AA", // no area QQ
      "ZZ1 1AA", // no area ZZ
      "SW1A 1CA", // C is never in the inward code
      "SW1A 1AI", // nor I
      "SW1A", // the outward code alone
      "1AA", // the inward code alone
      "SW1A 1AAA",
      "N/A",
      "",
    ];
    for (const text of refused) expect([text, ukPostcode(text)]).toEqual([text, null]);
  });
});

const lines = (...values: string[]) =>
  values.map((value, index) => ({ column: `address_line_${index + 1}`, value }));
const postcode = (value: string) => ({ column: "postcode", value });

describe("an address as Notify checks it", () => {
  it("accepts a UK address with a real postcode", () => {
    expect(addressProblems(lines("Arnot Hill House", "Arnold", "Nottingham"), postcode("NG5 6LU"))).toEqual(
      [],
    );
  });

  it("refuses a missing or made-up postcode, naming the column", () => {
    expect(addressProblems(lines("1 High Street", "Lewes"), postcode(""))).toEqual([
      {
        column: "postcode",
        message: expect.stringMatching(/^the postcode is empty: a letter by post needs a UK postcode/),
      },
    ]);
    expect(addressProblems(lines("1 High Street", "Lewes"), postcode("XYZ 123"))).toEqual([
      { column: "postcode", message: '"XYZ 123" is not a UK postcode' },
    ]);
  });

  it("accepts a British Forces address with a BFPO number and no postcode", () => {
    expect(addressProblems(lines("Sgt J Smith", "BFPO 105"), postcode(""))).toEqual([]);
    expect(addressProblems(lines("Sgt J Smith", "bfpo c/o 105"), postcode(""))).toEqual([]);
  });

  it("accepts an address abroad only with its country, whatever its postcode", () => {
    expect(addressProblems(lines("Rue de la Loi 200", "Brussels"), postcode("1049"), "Belgium")).toEqual([]);
    // The UK named as the country is still a UK address: it needs a UK postcode.
    expect(addressProblems(lines("1 High Street", "Lewes"), postcode("1049"), "United Kingdom")).toHaveLength(
      1,
    );
  });

  it("refuses a line starting with a character Notify refuses", () => {
    for (const first of ["@", "(", ")", "=", "[", "]", '"', "\\", "/", ",", "<", ">", "~"]) {
      expect(addressProblems(lines(`${first}1 High Street`, "Lewes"), postcode("BN7 1AB"))).toEqual([
        {
          column: "address_line_1",
          message: `an address line cannot start with "${first}": GOV.UK Notify refuses it`,
        },
      ]);
    }
    expect(addressProblems(lines("Flat 1 (rear)", "Lewes"), postcode("BN7 1AB"))).toEqual([]);
  });

  it("refuses no fixed abode, however it is written", () => {
    for (const written of ["No Fixed Abode", "no fixed address", "NFA"]) {
      expect(addressProblems(lines("J Smith", written), postcode("BN7 1AB"))).toEqual([
        {
          column: "address_line_2",
          message: expect.stringMatching(/^a letter cannot be posted to no fixed abode/),
        },
      ]);
    }
  });
});

function tableOf(rows: Row[]) {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return {
    file: "recipients.csv",
    rowLabel: "line" as const,
    columns,
    rows: rows.map((row, index) => ({
      number: index + 2,
      cells: columns.map((column) => row[column] ?? ""),
    })),
  };
}

describe("a recipients file's addresses", () => {
  it("reports every bad address at once, each with its line and column", () => {
    const problems = findRecipientProblems(
      tableOf([
        aRow({ id: "no-postcode", postcode: "" }),
        aRow({ id: "made-up", postcode: "XYZ 123" }),
        aRow({ id: "good" }),
        aRow({ id: "nfa", address_line_1: "No fixed abode" }),
      ]),
    );
    expect(problems.map((problem) => [problem.location.line, problem.location.column])).toEqual([
      [2, "postcode"],
      [3, "postcode"],
      [5, "address_line_1"],
    ]);
  });

  it("prints an address abroad with its country last, and a UK one without", () => {
    const fields = (row: Row) => new Map(Object.entries(row));
    expect(addressBlock(fields(aRow({ postcode: "1049", country: "Belgium" }))).lines.at(-1)).toBe("Belgium");
    expect(addressBlock(fields(aRow({ country: "United Kingdom" }))).lines.at(-1)).toBe("BN7 1AB");
  });
});

describe("a flag column's values", () => {
  it("must each say yes or no, when the letter uses the column as a flag", () => {
    const table = tableOf([
      aRow({ id: "a", annual_report: "yes" }),
      aRow({ id: "b", annual_report: "No" }),
      aRow({ id: "c", annual_report: "" }),
      aRow({ id: "d", annual_report: "maybe" }),
      aRow({ id: "e", annual_report: " SHOW " }),
    ]);
    const problems = findRecipientProblems(table, ["Annual Report"]);
    expect(
      problems.map((problem) => [problem.location.line, problem.location.column, problem.message]),
    ).toEqual([
      [
        5,
        "annual_report",
        expect.stringMatching(/"maybe" is not a yes or no: the letter uses this column as a flag \(yes\/no/),
      ],
    ]);
    // Not a flag in this letter: any text will do.
    expect(findRecipientProblems(table)).toEqual([]);
  });
});
