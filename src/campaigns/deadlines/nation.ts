import { PostbagError, type ErrorLocation } from "../../errors.ts";
import { nationFromPostcode } from "./postcode-nation.ts";

// Bank holidays differ between the four nations of the UK, so every deadline
// is counted in one of them: the recipient's, which is the body the letter
// went to (it is their office that is closed on their bank holidays).

export const NATIONS = ["england", "wales", "scotland", "northern-ireland"] as const;
export type Nation = (typeof NATIONS)[number];

export const NATION_NAMES: Record<Nation, string> = {
  england: "England",
  wales: "Wales",
  scotland: "Scotland",
  "northern-ireland": "Northern Ireland",
};

/**
 * A nation as people write it in a spreadsheet: "Northern Ireland",
 * "northern_ireland", "SCOTLAND". Empty → null (the caller falls back to the
 * postcode); anything else is an error rather than a silent guess.
 */
export function parseNation(text: string | null | undefined, where: ErrorLocation = {}): Nation | null {
  const key = (text ?? "").toLowerCase().replace(/[\s_-]+/g, "");
  if (key === "") return null;
  const nation = NATIONS.find((candidate) => candidate.replace(/-/g, "") === key);
  if (nation) return nation;
  throw new PostbagError(
    "bad_input",
    `"${String(text).trim()}" is not a nation: write england, wales, scotland or northern-ireland`,
    { field: "nation", ...where },
  );
}

/**
 * The recipient's nation: the explicit `nation` column first (it is the one
 * a person checked), else the postcode area, else England (most recipients,
 * and the rules England and Wales share).
 */
export function nationFor(
  recipient: { nation?: string | null; postcode?: string | null },
  where: ErrorLocation = {},
): Nation {
  return parseNation(recipient.nation, where) ?? nationFromPostcode(recipient.postcode) ?? "england";
}
