// An address block as the recipient columns of DESIGN.md: the name (when the
// first line is a person), the title, up to seven address lines and the
// postcode. Printed again, the columns give back the same lines in order.

export interface AddressColumns {
  name: string;
  title: string;
  lines: string[];
  postcode: string;
}

const POSTCODE = /^(GIR 0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$/i;
const HONORIFIC =
  /^(Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Lord|Lady|Baroness|Rt Hon|The Rt Hon|Cllr|Councillor|Rev|Revd)\.?\s/i;
/** Words that make a first line an organisation or a role, not a person. */
const NOT_A_PERSON =
  /\b(Council|Police|Commissioner|Office|Department|Ministry|Authority|Trust|Board|Service|Services|House|Ltd|Limited|plc|Street|Road|University|College|School|Agency|Committee|Chief|Director|Secretary|Officer|Manager|Clerk|Head|The)\b/;

export function addressColumns(address: string[], salutation: string): AddressColumns {
  const last = address[address.length - 1] ?? "";
  const postcode = POSTCODE.test(last) ? last : "";
  const rest = postcode ? address.slice(0, -1) : [...address];
  const personFirst = rest.length >= 3 && isPerson(rest[0] ?? "", salutation);
  const name = personFirst ? (rest.shift() ?? "") : "";
  const title = rest.shift() ?? "";
  return { name, title, lines: rest, postcode };
}

/** A person's name: an honorific, or a short run of capitalised words the salutation also uses. */
function isPerson(line: string, salutation: string): boolean {
  if (HONORIFIC.test(line)) return true;
  if (NOT_A_PERSON.test(line) || /\d/.test(line)) return false;
  const words = line.split(/\s+/);
  const greeted = salutation
    .replace(/^Dear\s+/i, "")
    .toLowerCase()
    .split(/\s+/);
  return (
    words.length <= 5 &&
    words.every((word) => /^\p{Lu}/u.test(word)) &&
    words.some((word) => greeted.includes(word.toLowerCase()))
  );
}
