import { describe, expect, it } from "vitest";
import { personalDataFindings } from "../../src/documents/checks/personal-data.ts";
import { EMPTY_CONTEXT } from "../../src/documents/document.ts";
import { findPattern } from "../../src/documents/personal-data-patterns.ts";

// Issue 16: UK phone numbers in every usual spelling are found (and so
// flagged and redacted), and dates, money and reference numbers are not.

describe("UK phone numbers", () => {
  it.each([
    "01872 555 0123",
    "01872 555123",
    "+44 (0)1872 555 0123",
    "+44 (0) 1872 555 0123",
    "0044 1872 555 0123",
    "(01872) 555 0123",
    "01872-555-0123",
    "07700 900123",
    "+44 7700 900 123",
    "020 7946 0018",
    "+441872555012",
  ])("finds %s whole", (number) => {
    expect(findPattern("phone", `Call me on ${number} tomorrow.`).map((found) => found.text)).toEqual([
      number,
    ]);
  });

  it.each(["on 13 October 2020 at 10 am", "£1,200,000 in 2021-22", "Ref 2020 1234 5678", "page 12 of 40"])(
    "finds nothing in %s",
    (text) => {
      expect(findPattern("phone", text)).toEqual([]);
    },
  );

  it("counts one number once, however it is spelt", () => {
    const text = "Ring +44 (0)1872 555 0123, or 0044 1872 555 0123, or 01872 555 0123.";
    const findings = personalDataFindings([{ text, location: "page 1", byLine: false }], EMPTY_CONTEXT);
    expect(findings.filter((finding) => finding.code === "personal-phone")).toHaveLength(1);
  });
});
