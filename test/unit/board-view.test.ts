import { describe, expect, it } from "vitest";
import type { CampaignStatus, LetterStatus } from "../../src/campaigns/records/campaign-status.ts";
import { boardRows, filterOptions } from "../../src/web/manage/campaigns/board-view.ts";
import { replyChart } from "../../src/web/manage/campaigns/reply-chart.ts";

function letterStatus(overrides: Partial<LetterStatus> = {}): LetterStatus {
  return {
    recipient: "essex",
    name: "Roger Hirst",
    organisation: null,
    state: "sent",
    sent: "2020-10-13",
    due: "2020-11-10",
    overdue: false,
    veryOverdue: false,
    items: [{ id: "sna", state: "received", publicUrl: null }],
    ...overrides,
  };
}

function status(letters: LetterStatus[]): CampaignStatus {
  return {
    campaign: "vru 2020",
    title: "VRU",
    asOf: "2020-12-01",
    requests: [
      { id: "sna", title: "Strategic Needs Assessment" },
      { id: "plan", title: "Response Strategy" },
    ],
    letters,
    totals: { letters: letters.length, byState: {}, overdue: 0, veryOverdue: 0 },
  };
}

describe("the board's rows", () => {
  it("show the body written to under the person, unless the row is already called by it", () => {
    const person = letterStatus({ organisation: "Essex Police, Fire and Crime Commissioner's Office" });
    const body = letterStatus({ name: "Cornwall Council", organisation: "Cornwall Council" });
    const rows = boardRows(status([person, body]), [person, body, letterStatus()]);
    expect(rows.map((row) => row.organisation)).toEqual([
      "Essex Police, Fire and Crime Commissioner's Office",
      null,
      null,
    ]);
  });

  it("link each recipient's letter, give one cell per requested item in the campaign's order", () => {
    const [row] = boardRows(status([letterStatus()]), [letterStatus()]);
    expect(row?.href).toBe("/manage/campaigns/vru%202020/letters/essex");
    expect(row?.items).toEqual([
      {
        text: "received",
        classes: "govuk-tag--green",
        publicUrl: null,
        title: expect.any(String),
        changeHref: "/manage/campaigns/vru%202020/letters/essex?item=sna#change-item-form",
      },
      null,
    ]);
  });

  it("say overdue in words, very overdue first", () => {
    const rows = boardRows(status([]), [
      letterStatus({ overdue: true }),
      letterStatus({ overdue: true, veryOverdue: true }),
      letterStatus(),
    ]);
    expect(rows.map((row) => row.overdue)).toEqual(["Overdue", "Very overdue", ""]);
  });

  it("offer every state and item in the filters, with the current choice selected", () => {
    const options = filterOptions(status([]), { item: "plan", itemState: "not-held" });
    expect(options.item.filter((option) => option.selected).map((option) => option.text)).toEqual([
      "Response Strategy",
    ]);
    expect(options.itemState.find((option) => option.selected)?.text).toBe("not held");
    expect(options.state[0]).toEqual({ value: "", text: "All", selected: true });
  });
});

describe("the reply chart", () => {
  it("is absent before anything was sent or received", () => {
    expect(replyChart([], 5)).toBeNull();
  });

  it("steps up to each day's totals and describes the latest in words", () => {
    const chart = replyChart(
      [
        { date: "2020-10-13", replies: 0, cumulative: 0, sent: 5, sentCumulative: 5 },
        { date: "2020-11-02", replies: 2, cumulative: 2, sent: 0, sentCumulative: 5 },
      ],
      5,
    );
    expect(chart?.description).toBe("By 2 November 2020: 5 of 5 letters sent, 2 replies received.");
    // Sent: from 0 to all 5 (the top, y=12) on the first day, flat after.
    expect(chart?.sentPath).toBe("M40.0,192.0 L40.0,12.0 L584.0,12.0 L584.0,12.0");
    // Replies: 0 until the last day, then 2 of 5.
    expect(chart?.repliesPath).toBe("M40.0,192.0 L40.0,192.0 L584.0,192.0 L584.0,120.0");
    expect(chart?.yTicks.map((tick) => tick.label)).toEqual(["0", "3", "5"]);
  });
});
