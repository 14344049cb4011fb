import type { Nation } from "./nation.ts";

// The nation of a postcode, from its area (the leading letters) and, where an
// area crosses a border, its district number. Postcode areas follow post towns,
// not borders, so this is a best guess for the few border villages; a `nation`
// column overrides it.
//
// Choices at the borders (the area's bulk decides; the exceptions are listed):
// - Scotland: AB DD DG EH FK G HS IV KA KW KY ML PA PH TD ZE, except TD15
//   (Berwick-upon-Tweed, Northumberland), which is England.
// - Wales: CF LD LL NP SA. LD and NP have a few English villages (Sedbury and
//   Tutshill near Chepstow are NP16) but are overwhelmingly Welsh.
// - SY (Shrewsbury) is split by district: SY1-SY14 are Shropshire and Cheshire
//   (England; SY10 and SY13 reach a few Welsh villages), SY15-SY25 are Powys and
//   Ceredigion (Welshpool, Newtown, Machynlleth, Aberystwyth): Wales.
// - CH (Chester) is split by district: CH5-CH8 are Flintshire (Deeside, Flint,
//   Mold, Holywell): Wales; the rest, including CH4 (Chester's west side,
//   with Saltney and Broughton over the border), is England.
// - HR (Hereford) is England, though Hay-on-Wye (HR3) is in Wales.
// - BT is Northern Ireland. GY, JE and IM (the Crown Dependencies) are not in the
//   UK and have their own holidays; they fall to England here, like any other area.

const SCOTTISH_AREAS = new Set("AB DD DG EH FK G HS IV KA KW KY ML PA PH TD ZE".split(" "));
const WELSH_AREAS = new Set("CF LD LL NP SA".split(" "));

/** "SY23 3BZ" → { area: "SY", district: 23 }; null when the text does not start like a postcode. */
function outwardCode(postcode: string): { area: string; district: number } | null {
  const compact = postcode.toUpperCase().replace(/\s+/g, "");
  // A full postcode ends in the inward code (digit, letter, letter); drop it.
  const outward = /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(compact) ? compact.slice(0, -3) : compact;
  const match = /^([A-Z]{1,2})(\d{1,2})[A-Z]?$/.exec(outward);
  if (!match) return null;
  return { area: match[1] ?? "", district: Number(match[2]) };
}

/** The nation of a UK postcode; null when there is no postcode or it is not one. */
export function nationFromPostcode(postcode: string | null | undefined): Nation | null {
  const code = outwardCode(postcode ?? "");
  if (!code) return null;
  const { area, district } = code;
  if (area === "BT") return "northern-ireland";
  if (area === "TD" && district === 15) return "england";
  if (SCOTTISH_AREAS.has(area)) return "scotland";
  if (WELSH_AREAS.has(area)) return "wales";
  if (area === "SY" && district >= 15 && district <= 25) return "wales";
  if (area === "CH" && district >= 5 && district <= 8) return "wales";
  return "england";
}
