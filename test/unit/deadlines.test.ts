import { describe, expect, it } from "vitest";
import { PostbagError } from "../../src/errors.ts";
import { bankHolidayOn, bankHolidays } from "../../src/campaigns/deadlines/bank-holidays.ts";
import { explainDeadline } from "../../src/campaigns/deadlines/explain.ts";
import { longDate, parseIsoDate, weekday } from "../../src/campaigns/deadlines/iso-date.ts";
import { nationFor, parseNation, type Nation } from "../../src/campaigns/deadlines/nation.ts";
import {
  deadlineStatus,
  isOverdue,
  isVeryOverdue,
  veryOverdueAfter,
} from "../../src/campaigns/deadlines/overdue.ts";
import { nationFromPostcode } from "../../src/campaigns/deadlines/postcode-nation.ts";
import { addWorkingDays, parseReplyWindow } from "../../src/campaigns/deadlines/working-days.ts";

// Bank holidays as GOV.UK lists them (gov.uk/bank-holidays): the weekdays off,
// substitute days included, written down here by hand rather than copied from
// date-holidays, so that a wrong rule in the library fails this test.
const GOV_UK: Record<"england-and-wales" | "scotland" | "northern-ireland", Record<number, string>> = {
  "england-and-wales": {
    2020: "01-01 04-10 04-13 05-08 05-25 08-31 12-25 12-28",
    2021: "01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28",
    2022: "01-03 04-15 04-18 05-02 06-02 06-03 08-29 09-19 12-26 12-27",
    2023: "01-02 04-07 04-10 05-01 05-08 05-29 08-28 12-25 12-26",
    2024: "01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26",
    2025: "01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26",
  },
  scotland: {
    2020: "01-01 01-02 04-10 05-08 05-25 08-03 11-30 12-25 12-28",
    2021: "01-01 01-04 04-02 05-03 05-31 08-02 11-30 12-27 12-28",
    2022: "01-03 01-04 04-15 05-02 06-02 06-03 08-01 09-19 11-30 12-26 12-27",
    2023: "01-02 01-03 04-07 05-01 05-08 05-29 08-07 11-30 12-25 12-26",
    2024: "01-01 01-02 03-29 05-06 05-27 08-05 12-02 12-25 12-26",
    2025: "01-01 01-02 04-18 05-05 05-26 08-04 12-01 12-25 12-26",
  },
  "northern-ireland": {
    2020: "01-01 03-17 04-10 04-13 05-08 05-25 07-13 08-31 12-25 12-28",
    2021: "01-01 03-17 04-02 04-05 05-03 05-31 07-12 08-30 12-27 12-28",
    2022: "01-03 03-17 04-15 04-18 05-02 06-02 06-03 07-12 08-29 09-19 12-26 12-27",
    2023: "01-02 03-17 04-07 04-10 05-01 05-08 05-29 07-12 08-28 12-25 12-26",
    2024: "01-01 03-18 03-29 04-01 05-06 05-27 07-12 08-26 12-25 12-26",
    2025: "01-01 03-17 04-18 04-21 05-05 05-26 07-14 08-25 12-25 12-26",
  },
};

const NATION_LISTS: [Nation, keyof typeof GOV_UK][] = [
  ["england", "england-and-wales"],
  ["wales", "england-and-wales"],
  ["scotland", "scotland"],
  ["northern-ireland", "northern-ireland"],
];

function expectBadInput(run: () => unknown, field: string, message?: RegExp) {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(PostbagError);
  expect((caught as PostbagError).code).toBe("bad_input");
  expect((caught as PostbagError).location.field).toBe(field);
  if (message) expect((caught as PostbagError).message).toMatch(message);
}

describe("bank holidays", () => {
  for (const [nation, list] of NATION_LISTS) {
    for (const [year, days] of Object.entries(GOV_UK[list])) {
      it(`${nation} ${year}: the weekdays off are GOV.UK's`, () => {
        const weekdaysOff = bankHolidays(nation, Number(year))
          .map((holiday) => holiday.date)
          .filter((date) => weekday(date) !== 0 && weekday(date) !== 6);
        expect(weekdaysOff).toEqual(days.split(" ").map((day) => `${year}-${day}`));
      });
    }
  }

  it("includes substitute days, named as such", () => {
    expect(bankHolidayOn("england", "2020-12-28")).toBe("Boxing Day (substitute day)");
    expect(bankHolidayOn("scotland", "2021-01-04")).toMatch(/substitute day/);
    expect(bankHolidayOn("northern-ireland", "2020-07-13")).toMatch(/Boyne.*substitute day/);
    expect(bankHolidayOn("scotland", "2024-12-02")).toMatch(/St Andrew.s Day \(substitute day\)/);
  });

  it("keeps each nation's own days", () => {
    expect(bankHolidayOn("scotland", "2020-01-02")).not.toBeNull();
    expect(bankHolidayOn("england", "2020-01-02")).toBeNull();
    expect(bankHolidayOn("northern-ireland", "2021-03-17")).toMatch(/St Patrick/);
    expect(bankHolidayOn("wales", "2021-03-17")).toBeNull(); // St David's Day (1 March) is not a bank holiday either
    expect(bankHolidayOn("wales", "2021-03-01")).toBeNull();
    expect(bankHolidayOn("northern-ireland", "2021-07-12")).toMatch(/Boyne/);
    expect(bankHolidayOn("scotland", "2020-11-30")).toMatch(/St Andrew/);
    expect(bankHolidayOn("scotland", "2021-04-05")).toBeNull(); // Easter Monday: not in Scotland
    expect(bankHolidayOn("england", "2021-04-05")).toBe("Easter Monday");
  });

  it("leaves out observances", () => {
    const names = bankHolidays("england", 2020, 2021).map((holiday) => holiday.name);
    expect(names).not.toContain("Mother's Day");
    expect(names).not.toContain("Easter Sunday");
    expect(names).toContain("Good Friday");
  });
});

describe("addWorkingDays", () => {
  it("counts the sent date as day 0 and skips weekends: 13 October 2020 + 20 = 10 November 2020", () => {
    const deadline = addWorkingDays({ from: "2020-10-13", workingDays: 20, nation: "england" });
    expect(deadline.due).toBe("2020-11-10");
    expect(deadline.skipped).toHaveLength(8);
    expect(deadline.skipped.slice(0, 2)).toEqual([
      { date: "2020-10-17", reason: "Saturday" },
      { date: "2020-10-18", reason: "Sunday" },
    ]);
    expect(explainDeadline(deadline)).toBe(
      "20 working days from Tuesday 13 October 2020 (day 0) in England, skipping 8 weekend days " +
        "and no bank holidays: due Tuesday 10 November 2020",
    );
  });

  it("day 0 is the sent date whatever day it is", () => {
    expect(addWorkingDays({ from: "2020-10-13", workingDays: 0, nation: "england" })).toMatchObject({
      due: "2020-10-13",
      skipped: [],
    });
    // Friday + 1 = Monday.
    expect(addWorkingDays({ from: "2020-10-16", workingDays: 1, nation: "england" }).due).toBe("2020-10-19");
    // Sent on a Saturday: the Saturday is day 0, not a skipped day.
    const fromSaturday = addWorkingDays({ from: "2020-10-17", workingDays: 1, nation: "england" });
    expect(fromSaturday).toMatchObject({
      due: "2020-10-19",
      skipped: [{ date: "2020-10-18", reason: "Sunday" }],
    });
    // Sent on Christmas Day: Boxing Day's substitute (Monday 28th) does not count either.
    expect(addWorkingDays({ from: "2020-12-25", workingDays: 1, nation: "england" }).due).toBe("2020-12-29");
  });

  describe("Christmas and New Year 2020-21 (Boxing Day and 2 January on Saturdays)", () => {
    // 14 December 2020 + 15: England, Wales and Northern Ireland skip 25 and 28
    // December and 1 January; Scotland also skips 4 January (2 January's substitute).
    const due: Record<Nation, string> = {
      england: "2021-01-07",
      wales: "2021-01-07",
      "northern-ireland": "2021-01-07",
      scotland: "2021-01-08",
    };
    for (const [nation, date] of Object.entries(due) as [Nation, string][]) {
      it(`${nation}: due ${date}`, () => {
        const deadline = addWorkingDays({ from: "2020-12-14", workingDays: 15, nation });
        expect(deadline.due).toBe(date);
        const holidays = deadline.skipped.filter((day) => !/^(Satur|Sun)day$/.test(day.reason));
        expect(holidays.map((day) => day.date)).toEqual([
          "2020-12-25",
          "2020-12-28",
          "2021-01-01",
          ...(nation === "scotland" ? ["2021-01-04"] : []),
        ]);
      });
    }

    it("names the skipped holidays in the explanation", () => {
      const deadline = addWorkingDays({ from: "2020-12-14", workingDays: 15, nation: "scotland" });
      expect(explainDeadline(deadline)).toBe(
        "15 working days from Monday 14 December 2020 (day 0) in Scotland, skipping 6 weekend days and " +
          "4 bank holidays (Christmas Day on Friday 25 December 2020, Boxing Day (substitute day) on " +
          "Monday 28 December 2020, New Year's Day on Friday 1 January 2021 and January 2nd (substitute day) " +
          "on Monday 4 January 2021): due Friday 8 January 2021",
      );
    });

    it("10 working days end before New Year in every nation", () => {
      for (const [nation] of NATION_LISTS) {
        expect(addWorkingDays({ from: "2020-12-14", workingDays: 10, nation }).due).toBe("2020-12-30");
      }
    });
  });

  it("Christmas and New Year 2021-22 (Christmas Day, Boxing Day and New Year's Day at weekends)", () => {
    // England: 27, 28 December and 3 January off; Scotland also 4 January.
    for (const [nation] of NATION_LISTS) {
      const deadline = addWorkingDays({ from: "2021-12-20", workingDays: 10, nation });
      expect(deadline.due).toBe(nation === "scotland" ? "2022-01-07" : "2022-01-06");
      // The weekend holidays count as weekend days, not as bank holidays.
      expect(deadline.skipped).toContainEqual({ date: "2021-12-25", reason: "Saturday" });
    }
  });

  it("Northern Ireland: St Patrick's Day and 12 July", () => {
    const count = (from: string, nation: Nation) => addWorkingDays({ from, workingDays: 1, nation }).due;
    expect(count("2021-03-16", "northern-ireland")).toBe("2021-03-18");
    expect(count("2021-03-16", "england")).toBe("2021-03-17");
    expect(count("2021-07-09", "northern-ireland")).toBe("2021-07-13");
    expect(count("2021-07-09", "england")).toBe("2021-07-12");
    expect(count("2020-07-10", "northern-ireland")).toBe("2020-07-14"); // 12 July 2020 was a Sunday
  });

  it("Scotland: St Andrew's Day, with its substitute", () => {
    expect(addWorkingDays({ from: "2020-11-27", workingDays: 1, nation: "scotland" }).due).toBe("2020-12-01");
    expect(addWorkingDays({ from: "2024-11-29", workingDays: 1, nation: "scotland" }).due).toBe("2024-12-03");
    expect(addWorkingDays({ from: "2024-11-29", workingDays: 1, nation: "england" }).due).toBe("2024-12-02");
  });

  it("says 1 bank holiday, not 1 bank holidays", () => {
    const deadline = addWorkingDays({ from: "2021-03-16", workingDays: 1, nation: "northern-ireland" });
    expect(explainDeadline(deadline)).toBe(
      "1 working day from Tuesday 16 March 2021 (day 0) in Northern Ireland, skipping no weekend days and " +
        "1 bank holiday (St Patrick’s Day on Wednesday 17 March 2021): due Thursday 18 March 2021",
    );
  });

  it("refuses a date that is not YYYY-MM-DD or not a real day", () => {
    for (const from of ["13/10/2020", "2020-1-5", "2021-02-29", "2020-13-01", "", "yesterday"]) {
      expectBadInput(() => addWorkingDays({ from, workingDays: 1, nation: "england" }), "from");
    }
    expectBadInput(
      () => parseIsoDate("2020-02-30", "from"),
      "from",
      /^field from: the date "2020-02-30" is not a date: write it as YYYY-MM-DD$/,
    );
    expect(parseIsoDate("2020-02-29")).toBe("2020-02-29");
  });

  it("refuses negative, fractional and absurd day counts", () => {
    for (const workingDays of [-1, 1.5, Number.NaN, 1001]) {
      expectBadInput(
        () => addWorkingDays({ from: "2020-10-13", workingDays, nation: "england" }),
        "workingDays",
      );
    }
  });
});

describe("overdue", () => {
  const deadline = addWorkingDays({ from: "2020-10-13", workingDays: 20, nation: "england" });

  it("is overdue from the day after the due date", () => {
    expect(isOverdue(deadline, "2020-11-10")).toBe(false);
    expect(isOverdue(deadline, "2020-11-11")).toBe(true);
  });

  it("is very overdue after twice the window, counted in working days", () => {
    expect(veryOverdueAfter(deadline)).toBe("2020-12-08");
    expect(isVeryOverdue(deadline, "2020-12-08")).toBe(false);
    expect(isVeryOverdue(deadline, "2020-12-09")).toBe(true);
    // In Scotland St Andrew's Day (Monday 30 November) pushes it a day.
    const scottish = addWorkingDays({ from: "2020-10-13", workingDays: 20, nation: "scotland" });
    expect(veryOverdueAfter(scottish)).toBe("2020-12-09");
  });

  it("gives the status use case everything in one call", () => {
    expect(
      deadlineStatus({ sent: "2020-10-13", workingDays: 20, nation: "england", asOf: "2020-11-20" }),
    ).toEqual({ due: "2020-11-10", veryOverdueAfter: "2020-12-08", overdue: true, veryOverdue: false });
    expectBadInput(() => isOverdue(deadline, "10 Nov"), "asOf");
  });
});

describe("reply window", () => {
  it('reads "20 working days"', () => {
    expect(parseReplyWindow("20 working days")).toBe(20);
    expect(parseReplyWindow(" 1 Working Day ")).toBe(1);
    expect(parseReplyWindow("15")).toBe(15);
    expect(parseReplyWindow(10)).toBe(10);
    for (const text of ["twenty working days", "20 days", "-3 working days", "2.5 working days"]) {
      expectBadInput(() => parseReplyWindow(text), "reply_within");
    }
  });
});

describe("nation", () => {
  it("reads the four names however they are written", () => {
    expect(parseNation("Northern Ireland")).toBe("northern-ireland");
    expect(parseNation("northern_ireland")).toBe("northern-ireland");
    expect(parseNation(" SCOTLAND ")).toBe("scotland");
    expect(parseNation("Wales")).toBe("wales");
    expect(parseNation("england")).toBe("england");
    expect(parseNation("")).toBeNull();
    expect(parseNation("  ")).toBeNull();
    expect(parseNation(undefined)).toBeNull();
  });

  it("refuses anything else, with the caller's location", () => {
    expectBadInput(() => parseNation("Cymru"), "nation", /"Cymru" is not a nation/);
    let caught: unknown;
    try {
      parseNation("Ulster", { file: "recipients.csv", row: 4, column: "nation" });
    } catch (error) {
      caught = error;
    }
    expect((caught as PostbagError).message).toBe(
      'recipients.csv, row 4, column nation, field nation: "Ulster" is not a nation: ' +
        "write england, wales, scotland or northern-ireland",
    );
  });

  it("from the postcode", () => {
    const cases: [string, Nation | null][] = [
      ["BT1 1AA", "northern-ireland"],
      ["EH1 1YZ", "scotland"],
      ["G12 8QQ", "scotland"],
      ["g128qq", "scotland"],
      ["ZE1 0AA", "scotland"],
      ["TD1 1AA", "scotland"], // Galashiels
      ["TD15 1AA", "england"], // Berwick-upon-Tweed
      ["GL1 1AA", "england"], // Gloucester, not Glasgow
      ["CF10 1AA", "wales"],
      ["SA1 1AA", "wales"],
      ["LL55 1AA", "wales"],
      ["NP20 1AA", "wales"],
      ["LD1 5AA", "wales"],
      ["SY23 3BZ", "wales"], // Aberystwyth
      ["SY21 7AA", "wales"], // Welshpool
      ["SY1 1AA", "england"], // Shrewsbury
      ["CH7 1AA", "wales"], // Mold
      ["CH1 2AA", "england"], // Chester
      ["HR1 1AA", "england"],
      ["SW1A 1AA", "england"],
      ["EC1A1BB", "england"],
      ["NG5 6LU", "england"],
      ["SY23", "wales"], // an outward code alone
      ["", null],
      ["not a postcode", null],
    ];
    for (const [postcode, nation] of cases)
      expect([postcode, nationFromPostcode(postcode)]).toEqual([postcode, nation]);
    expect(nationFromPostcode(null)).toBeNull();
  });

  it("the nation column first, then the postcode, then England", () => {
    expect(nationFor({ nation: "wales", postcode: "EH1 1YZ" })).toBe("wales");
    expect(nationFor({ nation: "", postcode: "EH1 1YZ" })).toBe("scotland");
    expect(nationFor({ postcode: "BT7 1NN" })).toBe("northern-ireland");
    expect(nationFor({ nation: null, postcode: "unknown" })).toBe("england");
    expect(nationFor({})).toBe("england");
    expectBadInput(() => nationFor({ nation: "Narnia", postcode: "EH1 1YZ" }), "nation");
  });
});

describe("dates", () => {
  it("spells a date out in full, whatever the time zone", () => {
    expect(longDate("2020-10-13")).toBe("Tuesday 13 October 2020");
    expect(longDate("2021-01-01")).toBe("Friday 1 January 2021");
    // Across the end of British Summer Time (25 October 2020) the count stays on whole days.
    expect(addWorkingDays({ from: "2020-10-23", workingDays: 1, nation: "england" }).due).toBe("2020-10-26");
  });
});
