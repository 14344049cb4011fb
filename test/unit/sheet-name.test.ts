import { describe, expect, it } from "vitest";
import { safeSheetName } from "../../src/files/write-table.ts";

// Excel's rules for a sheet's name (exceljs throws on a name that breaks
// them): none of : \\ / ? * [ ], no apostrophe at either end, 1 to 31
// characters, and not "History".

describe("safeSheetName", () => {
  it.each([
    ["Violence Reduction Units", "Violence Reduction Units"],
    ["VRUs: strategies", "VRUs strategies"],
    ["a\\b/c?d*e[f]g", "a b c d e f g"],
    ["'Quoted'", "Quoted"],
    ["::::", "Sheet1"],
    ["", "Sheet1"],
    ["History", "History (campaign)"],
    ["A very long campaign title that goes on and on", "A very long campaign title that"],
  ])("%j → %j", (title, name) => {
    expect(safeSheetName(title)).toBe(name);
  });

  it("cuts by characters, never inside an emoji", () => {
    const name = safeSheetName(`${"x".repeat(30)}😀😀`);
    expect(Array.from(name)).toHaveLength(31);
    expect(name.endsWith("😀")).toBe(true);
  });
});
