// Names of people in a document's text, found two ways: after an honorific
// or rank ("Dr Jane Smith", "DS Patel"), and on the line under a sign-off
// ("Yours sincerely" then "Jane Smith"). It is a review aid: it misses names
// written without either, and flags some things that are not names.

export interface FoundName {
  name: string;
  index: number;
}

const HONORIFICS = [
  "Chief Constable",
  "Deputy Chief Constable",
  "Assistant Chief Constable",
  "Chief Superintendent",
  "Chief Inspector",
  "Superintendent",
  "Inspector",
  "Deputy Commissioner",
  "Commissioner",
  "Commander",
  "Sergeant",
  "Sgt",
  "DCI",
  "DI",
  "DS",
  "DC",
  "PC",
  "Councillor",
  "Cllr",
  "Professor",
  "Prof",
  "Reverend",
  "Revd",
  "Rev",
  "Baroness",
  "Baron",
  "Lord",
  "Lady",
  "Dame",
  "Sir",
  "Dr",
  "Mrs",
  "Miss",
  "Mr",
  "Ms",
  "Mx",
].sort((a, b) => b.length - a.length);

const WORD = String.raw`\p{Lu}[\p{L}'’-]*\.?`;
const BY_HONORIFIC = new RegExp(
  String.raw`(?<![\p{L}])(${HONORIFICS.join("|").replace(/ /g, String.raw`[ \t]+`)})(?![\p{L}])\.?[ \t]+(${WORD}(?:[ \t]+${WORD}){0,3})`,
  "gu",
);

/** Capitalised words that start a sentence or a job title, not a name. */
const NOT_NAMES = new Set(
  (
    "The This That These Those Our Your My We I He She They It In On At For And But If As To Of By Please " +
    "Thank Thanks Dear Yours Kind Regards Re Ref Subject Date Tel Email Head Director Chief Manager Officer"
  ).split(" "),
);

const SIGN_OFF =
  /^\s*(?:yours\s+(?:sincerely|faithfully|truly)|(?:with\s+)?(?:kind|best|warm|warmest)\s+(?:regards|wishes)|regards|many\s+thanks|thanks|thank\s+you|sincerely)[\s,.!]*$/i;

/** Words that make a signature line an office, not a person ("FOI Team", "Information Rights Unit"). */
const ORGANISATION =
  /\b(?:Team|Unit|Office|Department|Council|Police|Services?|Authority|Directorate|Ltd|Limited|NHS|Trust|Board|Commission|Ministry|Government|Agency|Constabulary|Force|Centre|Group|Section|Division|Committee)\b/;

export function personNames(text: string): FoundName[] {
  const names: FoundName[] = [];
  for (const match of text.matchAll(BY_HONORIFIC)) {
    const words = (match[2] ?? "").split(/[ \t]+/);
    const cut = words.findIndex((word) => NOT_NAMES.has(word.replace(/\.$/, "")));
    const kept = cut === -1 ? words : words.slice(0, cut);
    if (kept.length === 0) continue;
    const honorific = (match[1] ?? "").replace(/\s+/g, " ");
    names.push({ name: `${honorific} ${kept.join(" ")}`.replace(/['’]s$|[.,]$/, ""), index: match.index });
  }
  names.push(...signatureNames(text));
  return names;
}

function signatureNames(text: string): FoundName[] {
  const names: FoundName[] = [];
  const lines = text.split("\n");
  let offset = 0;
  const starts = lines.map((line) => {
    const start = offset;
    offset += line.length + 1;
    return start;
  });
  lines.forEach((line, i) => {
    if (!SIGN_OFF.test(line)) return;
    const next = lines.slice(i + 1, i + 4).findIndex((candidate) => candidate.trim() !== "");
    const candidate = next === -1 ? "" : (lines[i + 1 + next] ?? "").trim();
    if (looksLikeName(candidate)) names.push({ name: candidate, index: starts[i + 1 + next] ?? 0 });
  });
  return names;
}

function looksLikeName(line: string): boolean {
  const words = line.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 6 || line.length > 60 || /\d|@/.test(line)) return false;
  if (ORGANISATION.test(line)) return false;
  return words.every(
    (word) => new RegExp(`^${WORD}$`, "u").test(word.replace(/,$/, "")) && !NOT_NAMES.has(word),
  );
}
