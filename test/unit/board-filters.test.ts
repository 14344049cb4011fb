import { describe, expect, it } from "vitest";
import { boardSummary, filterBoard } from "../../src/campaigns/queries/board.ts";
import { parseBoardFilters } from "../../src/campaigns/queries/board-filters.ts";
import type { CampaignStatus, LetterStatus } from "../../src/campaigns/records/campaign-status.ts";

// The board's filters and counts are pure: a small status built here is enough.

function aLetter(recipient: string, overrides: Partial<LetterStatus> = {}): LetterStatus {
  return {
    recipient,
    name: `${recipient[0]?.toUpperCase()}${recipient.slice(1)} Commissioner`,
    organisation: null,
    state: "sent",
    sent: "2020-10-13",
    due: "2020-11-10",
    overdue: false,
    veryOverdue: false,
    items: [
      { id: "needs-assessment", state: "requested", publicUrl: null },
      { id: "strategy", state: "requested", publicUrl: null },
    ],
    ...overrides,
  };
}

const status: Pick<CampaignStatus, "letters"> = {
  letters: [
    aLetter("sussex", {
      state: "replied",
      items: [
        { id: "needs-assessment", state: "received", publicUrl: null },
        { id: "strategy", state: "public", publicUrl: "https://example.org/s" },
      ],
    }),
    aLetter("essex", { overdue: true }),
    aLetter("thames-valley", { overdue: true, veryOverdue: true, name: "Anthony Stansfeld" }),
    aLetter("kent", { state: "draft", sent: null, due: null, organisation: "Kent County Council" }),
  ],
};

const keys = (filters: Parameters<typeof filterBoard>[1]) =>
  filterBoard(status, filters).map((letter) => letter.recipient);

describe("filterBoard", () => {
  it("keeps every letter without filters, in order", () => {
    expect(keys({})).toEqual(["sussex", "essex", "thames-valley", "kent"]);
  });

  it("filters by letter state, overdue and text in the key, name or organisation, any case", () => {
    expect(keys({ state: "sent" })).toEqual(["essex", "thames-valley"]);
    expect(keys({ overdue: true })).toEqual(["essex", "thames-valley"]);
    expect(keys({ overdue: false })).toEqual(["sussex", "kent"]);
    expect(keys({ text: "STANSFELD" })).toEqual(["thames-valley"]);
    expect(keys({ text: "ssex" })).toEqual(["sussex", "essex"]);
    expect(keys({ text: "county council" })).toEqual(["kent"]);
  });

  it("filters by an item's state: of one item, or of any item", () => {
    expect(keys({ item: "strategy", itemState: "public" })).toEqual(["sussex"]);
    expect(keys({ item: "needs-assessment", itemState: "public" })).toEqual([]);
    expect(keys({ itemState: "received" })).toEqual(["sussex"]);
    expect(keys({ item: "strategy" })).toHaveLength(4);
    expect(keys({ item: "no-such-item" })).toEqual([]);
  });

  it("combines filters: a letter must match them all", () => {
    expect(keys({ state: "sent", overdue: true, text: "essex" })).toEqual(["essex"]);
    expect(keys({ state: "draft", overdue: true })).toEqual([]);
  });
});

describe("boardSummary", () => {
  it("counts every letter state and item state, zeros included", () => {
    const summary = boardSummary(status);
    expect(summary.letters).toBe(4);
    expect(summary.byState).toEqual({
      draft: 1,
      approved: 0,
      sent: 2,
      replied: 1,
      closed: 0,
      withdrawn: 0,
      returned: 0,
    });
    expect(summary.byItemState).toEqual({ requested: 6, public: 1, received: 1, declined: 0, "not-held": 0 });
    expect(summary.byItem.strategy).toEqual({
      requested: 3,
      public: 1,
      received: 0,
      declined: 0,
      "not-held": 0,
    });
    expect([summary.overdue, summary.veryOverdue]).toEqual([2, 1]);
  });

  it("counts filtered letters too", () => {
    expect(boardSummary({ letters: filterBoard(status, { overdue: true }) }).byState.sent).toBe(2);
  });
});

describe("parseBoardFilters", () => {
  it("takes known states, yes/no and text; empty values mean any; other keys are ignored", () => {
    expect(
      parseBoardFilters({
        state: "sent",
        item: " strategy ",
        itemState: "not-held",
        overdue: "Yes",
        text: " sus ",
        page: "2",
      }),
    ).toEqual({ state: "sent", item: "strategy", itemState: "not-held", overdue: true, text: "sus" });
    expect(parseBoardFilters({ state: "", itemState: "  ", overdue: "", text: "" })).toEqual({});
    expect(parseBoardFilters({ overdue: "no" })).toEqual({ overdue: false });
  });

  it("refuses unknown values, naming the field", () => {
    const refused = (query: Record<string, unknown>, itemIds?: string[]) => {
      try {
        parseBoardFilters(query, itemIds);
      } catch (error) {
        return (error as { code: string; location: { field?: string } }).location.field;
      }
      return "accepted";
    };
    expect(refused({ state: "lost" })).toBe("state");
    expect(refused({ itemState: "sent" })).toBe("itemState");
    expect(refused({ overdue: "maybe" })).toBe("overdue");
    expect(refused({ state: ["sent", "draft"] })).toBe("state");
    expect(refused({ text: "x".repeat(201) })).toBe("text");
    expect(refused({ item: "strategy" }, ["strategy"])).toBe("accepted");
    expect(refused({ item: "budget" }, ["strategy"])).toBe("item");
  });

  it("says what the allowed states are", () => {
    expect(() => parseBoardFilters({ state: "lost" })).toThrow(
      'field state: "lost" is not a letter state: use one of draft, approved, sent, replied, closed, withdrawn, returned',
    );
  });
});
