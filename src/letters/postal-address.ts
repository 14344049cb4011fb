// The postal rules an address must meet to be printed and posted, written
// from GOV.UK Notify's published rules for letters (its notifications-utils,
// MIT licence, Crown Copyright 2016): what Notify and Royal Mail's sorting
// machines refuse, Postbag refuses when the recipients are imported, naming
// the row and the column, rather than when the letter is posted.

/**
 * The postcode areas (the leading letters) of the UK, the Channel Islands and
 * the Isle of Man, as Notify lists them (uk-postcode-zones.txt).
 */
const POSTCODE_AREAS = `AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG
  DH DL DN DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE
  LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR
  SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE`.split(/\s+/);

// An area, a district (a digit, then maybe a digit or letter), then the inward
// code: a digit and two letters, never C, I, K, M, O or V.
const UK_POSTCODE = new RegExp(`^(?:${POSTCODE_AREAS.join("|")})[0-9][0-9A-Z]?[0-9][ABD-HJLNP-UW-Z]{2}$`);

/** Characters an address line may not start with: Notify refuses them. */
const BAD_FIRST_CHARACTERS = '@()=[]"\\/,<>~';

/** A British Forces Post Office number, on a line of its own. */
const BFPO = /^bfpo\s*(?:c\/o)?\s*\d+$/i;

/** Names a `country` column may give for the UK itself: such an address is a UK one, with a UK postcode. */
const UK_NAMES = new Set([
  "uk",
  "u.k.",
  "united kingdom",
  "great britain",
  "gb",
  "england",
  "wales",
  "scotland",
  "northern ireland",
]);

export interface AddressLine {
  column: string;
  value: string;
}

export interface AddressProblem {
  column: string;
  message: string;
}

/** "sw1a1aa" → "SW1A 1AA"; null when it is not a UK postcode. */
export function ukPostcode(text: string): string | null {
  const compact = text.replace(/\s+/g, "").toUpperCase();
  return UK_POSTCODE.test(compact) ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : null;
}

/** True when a `country` value names somewhere other than the UK: the address is posted abroad. */
export function isAbroad(country: string): boolean {
  const name = country.trim().toLowerCase();
  return name !== "" && !UK_NAMES.has(name);
}

/**
 * Every problem with one recipient's address: its lines (address lines, then
 * the postcode), and its country if the table has one.
 */
export function addressProblems(lines: AddressLine[], postcode: AddressLine, country = ""): AddressProblem[] {
  const problems: AddressProblem[] = [];
  for (const { column, value } of [...lines, postcode]) {
    const first = value.trim().charAt(0);
    if (first && BAD_FIRST_CHARACTERS.includes(first)) {
      problems.push({
        column,
        message: `an address line cannot start with "${first}": GOV.UK Notify refuses it`,
      });
    }
    if (/no fixed (?:abode|address)/i.test(value) || value.trim().toLowerCase() === "nfa") {
      problems.push({
        column,
        message: "a letter cannot be posted to no fixed abode: give an address, or leave this recipient out",
      });
    }
  }
  if (isAbroad(country)) return problems;
  const code = postcode.value.trim();
  const forces = lines.some((line) => BFPO.test(line.value.trim()));
  if (code === "" && !forces) {
    problems.push({
      column: postcode.column,
      message:
        "the postcode is empty: a letter by post needs a UK postcode (or a BFPO number as an address line, or a country column for an address abroad)",
    });
  } else if (code !== "" && !ukPostcode(code)) {
    problems.push({ column: postcode.column, message: `"${code}" is not a UK postcode` });
  }
  return problems;
}
