import { isAbroad } from "./postal-address.ts";
import { normaliseName } from "./template/names.ts";

/**
 * The envelope window holds at most this many lines: GOV.UK Notify's
 * address area (95.4 mm by 26.8 mm) at 9 pt type on a 9.4 pt line pitch.
 */
export const ADDRESS_WINDOW_LINES = 8;

export const ADDRESS_LINE_COLUMNS = Array.from({ length: 7 }, (_, i) => `address_line_${i + 1}`);

const ADDRESS_COLUMNS = ["name", "title", ...ADDRESS_LINE_COLUMNS, "postcode"];

/**
 * The printed address: name (if any), title, non-empty address lines,
 * postcode, and for an address abroad its country, last (as Royal Mail asks).
 */
export function addressBlock(fields: ReadonlyMap<string, string>): { lines: string[]; columns: string[] } {
  const lines: string[] = [];
  const columns: string[] = [];
  const country = (fields.get("country") ?? "").trim();
  for (const column of [...ADDRESS_COLUMNS, ...(isAbroad(country) ? ["country"] : [])]) {
    const value = (fields.get(normaliseName(column)) ?? "").trim();
    if (value) {
      lines.push(value);
      columns.push(column);
    }
  }
  return { lines, columns };
}
