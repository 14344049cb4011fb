import { describe, expect, it } from "vitest";
import { postbag } from "../support/render-cli.ts";

// `postbag deadline` run as a user runs it: exit status, what it prints, and
// one clear line (plus the command's help) for each kind of bad argument.

function expectUsageError(args: string[], message: string) {
  const result = postbag(["deadline", ...args]);
  expect(result.status).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(result.stderr.split("\n")[0]).toBe(`postbag: ${message}`);
  expect(result.stderr).toContain("Usage: postbag deadline --from <date> --working-days <n>");
}

describe("postbag deadline", () => {
  it("prints the due date and how it was counted", () => {
    const result = postbag(["deadline", "--from", "2020-10-13", "--working-days", "20"]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(
      "Due 2020-11-10 (Tuesday 10 November 2020)\n\n" +
        "20 working days from Tuesday 13 October 2020 (day 0) in England, skipping 8 weekend days " +
        "and no bank holidays: due Tuesday 10 November 2020.\n",
    );
  });

  it("lists the bank holidays it skipped, for the nation asked for", () => {
    const result = postbag([
      "deadline",
      "--from",
      "2020-12-14",
      "--working-days",
      "15",
      "--nation",
      "Scotland",
    ]);
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("Due 2021-01-08 (Friday 8 January 2021)");
    expect(lines[2]).toMatch(/^15 working days from Monday 14 December 2020 \(day 0\) in Scotland, .*4 bank/);
    expect(lines.slice(4)).toEqual([
      "Bank holidays skipped (Scotland):",
      "  Friday 25 December 2020     Christmas Day",
      "  Monday 28 December 2020     Boxing Day (substitute day)",
      "  Friday 1 January 2021       New Year's Day",
      "  Monday 4 January 2021       January 2nd (substitute day)",
    ]);
  });

  it("prints JSON with --json", () => {
    const result = postbag([
      "deadline",
      "--from",
      "2021-03-16",
      "--working-days",
      "3",
      "--nation",
      "northern-ireland",
      "--json",
    ]);
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual(["from", "workingDays", "nation", "due", "skipped", "explanation"]);
    expect(json).toEqual({
      from: "2021-03-16",
      workingDays: 3,
      nation: "northern-ireland",
      due: "2021-03-22",
      skipped: [
        { date: "2021-03-17", reason: "St Patrick’s Day" },
        { date: "2021-03-20", reason: "Saturday" },
        { date: "2021-03-21", reason: "Sunday" },
      ],
      explanation: expect.stringContaining("1 bank holiday (St Patrick’s Day on Wednesday 17 March 2021)"),
    });
  });

  it("is listed in postbag's help and explains itself with --help", () => {
    expect(postbag(["--help"]).stdout).toContain("postbag deadline --from <date> --working-days <n>");
    const result = postbag(["deadline", "--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("--nation <nation>");
  });

  it("refuses bad arguments with exit status 2 and a clear message", () => {
    expectUsageError(
      ["--from", "13/10/2020", "--working-days", "20"],
      '--from: the date "13/10/2020" is not a date: write it as YYYY-MM-DD',
    );
    expectUsageError(
      ["--from", "2020-10-13", "--working-days", "20", "--nation", "Cymru"],
      '--nation: "Cymru" is not a nation: write england, wales, scotland or northern-ireland',
    );
    expectUsageError(
      ["--from", "2020-10-13", "--working-days", "2.5"],
      '--working-days takes a whole number of working days, 0 or more (got "2.5")',
    );
    expectUsageError(["--working-days", "20"], "--from <date> is required");
    expectUsageError(["--from", "2020-10-13"], "--working-days <n> is required");
  });
});
