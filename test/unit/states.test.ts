import { describe, expect, it } from "vitest";
import {
  checkItemTransition,
  checkLetterTransition,
  ITEM_STATES,
  LETTER_STATES,
} from "../../src/campaigns/states.ts";
import { parseItemUpdate } from "../../src/campaigns/records/record-reply.ts";

const allowed = (check: () => void) => {
  try {
    check();
    return true;
  } catch {
    return false;
  }
};

describe("letter states", () => {
  it("allow exactly the letter's life: draft, approved, sent, replied, closed, or withdrawn and returned", () => {
    const table = Object.fromEntries(
      LETTER_STATES.map((from) => [
        from,
        LETTER_STATES.filter((to) => allowed(() => checkLetterTransition("x", from, to))),
      ]),
    );
    expect(table).toEqual({
      draft: ["approved", "withdrawn"],
      approved: ["draft", "sent", "withdrawn"],
      sent: ["replied", "closed", "withdrawn", "returned"],
      replied: ["replied", "closed"],
      returned: ["sent", "closed", "withdrawn"],
      closed: [],
      withdrawn: [],
    });
  });

  it("explain a refused transition", () => {
    expect(() => checkLetterTransition("the letter to essex", "draft", "sent")).toThrow(
      "the letter to essex is draft, so it cannot become sent: it can only become approved, withdrawn",
    );
    expect(() => checkLetterTransition("the letter to essex", "closed", "sent")).toThrow("that is final");
  });
});

describe("item states", () => {
  it("move from requested to an answer, and to received from any other answer", () => {
    const table = Object.fromEntries(
      ITEM_STATES.map((from) => [
        from,
        ITEM_STATES.filter((to) => to !== from && allowed(() => checkItemTransition("x", from, to))),
      ]),
    );
    expect(table).toEqual({
      requested: ["public", "received", "declined", "not-held"],
      public: ["received"],
      received: [],
      declined: ["public", "received"],
      "not-held": ["public", "received"],
    });
  });

  it("parse item updates from the command line", () => {
    expect(parseItemUpdate("sna=received")).toEqual({ itemId: "sna", state: "received", publicUrl: null });
    expect(parseItemUpdate("sna=public:https://x.org/a")).toEqual({
      itemId: "sna",
      state: "public",
      publicUrl: "https://x.org/a",
    });
    expect(() => parseItemUpdate("sna=requested")).toThrow("is not an item update");
    expect(() => parseItemUpdate("sna=public:javascript:alert(1)")).toThrow("is not a web address");
  });
});
