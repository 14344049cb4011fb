import type { CheckContext, Finding } from "../document.ts";
import { findPattern } from "../personal-data-patterns.ts";
import { review, quote } from "./findings.ts";
import type { TextSegment } from "./kind-check.ts";
import { isPublicPerson, nameTokens } from "./public-people.ts";
import { personNames } from "./person-names.ts";
import { isRoleMailbox } from "./role-mailboxes.ts";

// Personal data in a document's text, flagged for a person to review before
// publication: people's email addresses and names, phone numbers, National
// Insurance numbers, postcodes that are not the public bodies'. What the
// campaign knows to be public (office-holders, the bodies' postcodes, role
// mailboxes) is not flagged. One finding per distinct value, where first seen.

interface Found {
  code: string;
  value: string;
  locations: string[];
}

/** One number however it is spelt: +44 (0)1872…, 0044 1872… and 01872… are the same. */
export const phoneKey = (value: string) => value.replace(/\D/g, "").replace(/^(?:00)?440?/, "0");
const niKey = (value: string) => value.replace(/\s/g, "");

/** Said just before a number, these make it an office's, not a person's ("our switchboard is on …"). */
const OFFICE_BEFORE =
  /(?:\b(?:switchboard|main (?:line|number)|reception|general enquiries|enquiry line|helpline|shared line|non-emergency|office number|team'?s (?:shared )?(?:line|number))\b[^\n]{0,40}|\boffice on\s*)$/i;
/** …or just after it: "0113 496 0999 (the team's shared line)". */
const OFFICE_AFTER =
  /^\s*\([^)\n]{0,30}\b(?:switchboard|shared line|main line|reception|helpline)\b[^)\n]*\)/i;

function isOfficeNumber(text: string, index: number, number: string): boolean {
  const before = text.slice(Math.max(0, index - 60), index);
  const after = text.slice(index + number.length, index + number.length + 60);
  return OFFICE_BEFORE.test(before) || OFFICE_AFTER.test(after);
}

const WHAT: Record<string, string> = {
  "personal-email": "A person's email address",
  "personal-phone": "A phone number, perhaps a person's",
  "ni-number": "A National Insurance number",
  "home-postcode": "A postcode that is not one of the public bodies' (a home address?)",
  "personal-name": "The name of a person who is not one of the campaign's public office-holders",
};

export function personalDataFindings(segments: TextSegment[], context: CheckContext): Finding[] {
  const found = new Map<string, Found>();
  const note = (code: string, key: string, value: string, location: string) => {
    const entry = found.get(`${code}:${key}`) ?? { code, value, locations: [] };
    if (!entry.locations.includes(location)) entry.locations.push(location);
    found.set(`${code}:${key}`, entry);
  };
  const publicPostcodes = new Set(context.publicPostcodes.map(postcodeKey));
  const publicPhones = new Set(context.publicPhones.map(phoneKey));
  const publicAddresses = new Set(context.publicAddresses.map((address) => address.toLowerCase()));
  const placeWords = new Set(
    context.publicNames.flatMap((name) => name.toLowerCase().split(/[^\p{L}'’-]+/u)),
  );
  const isPlace = (name: string) => {
    const tokens = nameTokens(name);
    return tokens.length > 0 && tokens.every((token) => placeWords.has(token));
  };
  for (const segment of segments) {
    const where = (index: number) => locate(segment, index);
    for (const { text, index } of findPattern("email", segment.text)) {
      if (!isRoleMailbox(text) && !publicAddresses.has(text.toLowerCase()))
        note("personal-email", text.toLowerCase(), text, where(index));
    }
    for (const { text, index } of findPattern("phone", segment.text)) {
      if (!publicPhones.has(phoneKey(text)) && !isOfficeNumber(segment.text, index, text))
        note("personal-phone", phoneKey(text), text, where(index));
    }
    for (const { text, index } of findPattern("ni-number", segment.text))
      note("ni-number", niKey(text), text, where(index));
    for (const { text, index } of findPattern("postcode", segment.text)) {
      if (!publicPostcodes.has(postcodeKey(text)))
        note("home-postcode", postcodeKey(text), text, where(index));
    }
    for (const { name, index } of personNames(segment.text)) {
      if (!isPublicPerson(name, context.publicPeople) && !isPlace(name))
        note("personal-name", nameTokens(name).join(" "), name, where(index));
    }
  }
  return [...found.values()].map(({ code, value, locations }) => {
    const also =
      locations.length > 1
        ? ` Also at ${locations.slice(1, 6).join(", ")}${locations.length > 6 ? "…" : ""}.`
        : "";
    return review(code, locations[0] ?? "text", `${WHAT[code] ?? code}: ${quote(value)}.${also}`);
  });
}

/** "page 2", "line 14" in a text file, "page 2 (scanned), line 14" on a scan read by OCR. */
function locate(segment: TextSegment, index: number): string {
  if (!segment.byLine) return segment.location;
  const line = `line ${segment.text.slice(0, index).split("\n").length}`;
  return segment.location === "text" ? line : `${segment.location}, ${line}`;
}

function postcodeKey(postcode: string): string {
  return postcode.replace(/\s/g, "").toUpperCase();
}
