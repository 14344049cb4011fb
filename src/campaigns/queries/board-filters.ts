import { PostbagError } from "../../errors.ts";
import { ITEM_STATES, LETTER_STATES, type ItemState, type LetterState } from "../states.ts";

export interface BoardFilters {
  state?: LetterState;
  /** A requested item's id: alone, letters that ask for it; with itemState, that item in that state. */
  item?: string;
  itemState?: ItemState;
  overdue?: boolean;
  /** Part of the recipient's key or name, any case. */
  text?: string;
}

/** The filters' names as the board's form labels them. */
const LABELS: Record<string, string> = {
  state: "letter state",
  item: "requested item",
  itemState: "item state",
};

const YES = new Set(["true", "yes", "1", "on"]);
const NO = new Set(["false", "no", "0", "off"]);
const MAX_TEXT = 200;

/**
 * The board's filters from a query string. An empty value means "any" (a
 * form's "All" option); anything else must be a known state, so a wrong link
 * says what is wrong instead of showing an empty board. `itemIds`, when
 * given, are the campaign's requests, which `item` must be one of.
 */
export function parseBoardFilters(query: Record<string, unknown>, itemIds?: readonly string[]): BoardFilters {
  const filters: BoardFilters = {};
  const state = one(query, "state");
  if (state) filters.state = oneOf(state, LETTER_STATES, "state");
  const itemState = one(query, "itemState");
  if (itemState) filters.itemState = oneOf(itemState, ITEM_STATES, "itemState");
  const item = one(query, "item");
  if (item) filters.item = itemIds ? oneOf(item, itemIds, "item") : item;
  const overdue = one(query, "overdue")?.toLowerCase();
  if (overdue) {
    if (!YES.has(overdue) && !NO.has(overdue)) {
      throw new PostbagError("bad_input", "overdue must be yes or no", { field: "overdue" });
    }
    filters.overdue = YES.has(overdue);
  }
  const text = one(query, "text");
  if (text) {
    if (text.length > MAX_TEXT) {
      throw new PostbagError("bad_input", `the search text must be at most ${MAX_TEXT} characters`, {
        field: "text",
      });
    }
    filters.text = text;
  }
  return filters;
}

/** One trimmed string value, or undefined when absent or empty; a repeated key is refused. */
function one(query: Record<string, unknown>, field: string): string | undefined {
  const value = query[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") {
    throw new PostbagError("bad_input", `give ${field} once, as text`, { field });
  }
  return value.trim() || undefined;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], field: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new PostbagError(
    "bad_input",
    `"${value}" is not a ${LABELS[field] ?? field}: use one of ${allowed.join(", ")}`,
    {
      field,
    },
  );
}
