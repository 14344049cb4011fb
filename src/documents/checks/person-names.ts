// Names of people in a document's text, found as a careful reader finds
// them: after an honorific or rank ("Dr Jane Smith", "DS Patel"); on the line
// under a sign-off ("Yours sincerely" then "Jane Smith"); next to a job title
// ("Jane Trelawny, Procurement Officer", "Director – Hannah Moss", "our
// analyst, Ben Carter,", a name line over a title line); and after "contact"
// or "speak to". Names with a public office's title ("Chief Constable",
// "Cllr", "Home Secretary") are not a private person's. It is a review aid:
// it misses names written with none of these, and flags some things that are
// not names (README, "Personal data": recall and false alarms measured).

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
/** A name without a title: two or three capitalised words, the first perhaps an initial ("J. Patel"). */
const NAME = String.raw`\p{Lu}(?:[\p{Ll}'’-]+|\.)(?:[ \t]+\p{Lu}[\p{Ll}'’-]+){1,2}`;

/** Titles of public offices: a name with one is an office-holder's, not a private person's. */
const PUBLIC_OFFICES = new Set(
  [
    "Chief Constable",
    "Deputy Chief Constable",
    "Assistant Chief Constable",
    "Commissioner",
    "Deputy Commissioner",
    "Councillor",
    "Cllr",
    "Baroness",
    "Baron",
    "Lord",
  ].map((title) => title.toLowerCase()),
);
const PUBLIC_ROLE =
  /\b(?:Home Secretary|Prime Minister|Secretary of State|Minister|Mayor|MP|Police(?:,? Fire)? and Crime Commissioner|Commissioner|Chief Constable|Councillor)\b/i;

/** Nouns a job title ends with: "Policy Officer", "Head of Strategy", "Data Lead", "our analyst". */
const ROLE_NOUNS = [
  "Officer",
  "Manager",
  "Director",
  "Head",
  "Lead",
  "Leader",
  "Coordinator",
  "Co-ordinator",
  "Adviser",
  "Advisor",
  "Analyst",
  "Assistant",
  "Administrator",
  "Clerk",
  "Executive",
  "Caseworker",
  "Specialist",
  "Consultant",
  "Chair",
  "Chairman",
  "Chairwoman",
  "Chairperson",
  "Supervisor",
  "Practitioner",
  "Worker",
  "Engineer",
  "Solicitor",
  "Researcher",
  "Lecturer",
  "Chief of Staff",
];
/** Welsh titles start with their noun: "Swyddog Polisi" (Policy Officer). */
const WELSH_ROLE_NOUNS = ["Swyddog", "Rheolwr", "Cyfarwyddwr", "Pennaeth"];
/** People named by what they are to the story rather than a job: "one young person, Kieran Doyle". */
const PERSON_NOUNS = [
  "person",
  "child",
  "resident",
  "victim",
  "pupil",
  "student",
  "mother",
  "father",
  "parent",
  "member of the public",
];
/** Either case for a noun's first letter, and any spacing between its words. */
const noun = (word: string) =>
  `[${word[0]!.toUpperCase()}${word[0]!.toLowerCase()}]${word.slice(1).replace(/ /g, "[ \\t]+")}`;
const ROLE = String.raw`(?:[\p{L}&'’-]+[ \t]+){0,4}?(?:${ROLE_NOUNS.map(noun).join("|")})\b|\b(?:${WELSH_ROLE_NOUNS.join("|")})\b`;
const PERSON = String.raw`\b(?:${PERSON_NOUNS.map(noun).join("|")})`;
const WHOLE_NAME = new RegExp(`^${NAME}$`, "u");
/** A line that is a job title: the role noun anywhere in it. */
const ROLE_LINE = new RegExp(String.raw`^[^@\d]{0,80}\b(?:${ROLE})`, "u");
const NEXT_TO_ROLE = [
  // "Jane Trelawny, Procurement Officer", "Aisha Khan – Senior Analyst", "Gemma Rowe | Coordinator", "Lucy Holt (Youth Worker)"
  new RegExp(String.raw`(?<![\p{L}])(${NAME})[ \t]*(?:,|–|—|-|\||\()[ \t]*(?:the[ \t]+)?(?:${ROLE})`, "gu"),
  // "Director – Hannah Moss", "Our analyst, Ben Carter", "My Chief of Staff, Mark Streater", "Contact: Sarah Whitfield"
  new RegExp(
    String.raw`(?:${ROLE}|${PERSON}|\b(?:[Cc]ontact|[Pp]repared[ \t]+by|[Cc]hecked[ \t]+by|[Ww]ritten[ \t]+by|[Aa]uthor|[Ss]igned))[ \t]*(?:,|–|—|-|:)[ \t]*(${NAME})(?![\p{L}])`,
    "gu",
  ),
  // "please contact Priya Raman on …", "speak to Tom Ellery"
  new RegExp(
    String.raw`\b(?:contact|speak[ \t]+(?:to|with)|ask[ \t]+for|write[ \t]+to|ring|call)[ \t]+(${NAME})(?![\p{L}])`,
    "gu",
  ),
];
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
  /^\s*(?:yours\s+(?:sincerely|faithfully|truly)|(?:with\s+)?(?:kind|best|warm|warmest)\s+(?:regards|wishes)|regards|many\s+thanks|thanks|thank\s+you|sincerely|yn\s+gywir|yn\s+ddiffuant|cofion(?:\s+gorau)?)[\s,.!]*$/i;

/** Words that make a signature line an office, not a person ("FOI Team", "Information Rights Unit"). */
const ORGANISATION =
  /\b(?:Team|Unit|Office|Department|Council|Police|Services?|Authority|Directorate|Ltd|Limited|NHS|Trust|Board|Commission|Ministry|Government|Agency|Constabulary|Force|Centre|Group|Section|Division|Committee)\b/;

export function personNames(text: string): FoundName[] {
  const names: FoundName[] = [];
  for (const match of text.matchAll(BY_HONORIFIC)) {
    const words = (match[2] ?? "").split(/[ \t]+/);
    const cut = words.findIndex((word) => NOT_NAMES.has(word.replace(/\.$/, "")));
    const named = cut === -1 ? words : words.slice(0, cut);
    // A possessive ends the name: "Dr Schubert’s Responses" names Dr Schubert.
    const possessive = named.findIndex((word) => /['’]s$/.test(word));
    const kept = possessive === -1 ? named : named.slice(0, possessive + 1);
    if (kept.length === 0) continue;
    const honorific = (match[1] ?? "").replace(/\s+/g, " ");
    if (PUBLIC_OFFICES.has(honorific.toLowerCase())) continue;
    names.push({ name: `${honorific} ${kept.join(" ")}`.replace(/['’]s$|[.,]$/, ""), index: match.index });
  }
  names.push(...signatureNames(text), ...namesNextToRoles(text));
  return names;
}

/** Names beside a job title, or after "contact": unless the title is a public office's. */
function namesNextToRoles(text: string): FoundName[] {
  const names: FoundName[] = [];
  for (const pattern of NEXT_TO_ROLE) {
    for (const match of text.matchAll(pattern)) {
      const name = match[1] ?? "";
      const words = name.split(/[ \t]+/);
      if (words.some((word) => NOT_NAMES.has(word)) || ORGANISATION.test(name)) continue;
      if (PUBLIC_ROLE.test(match[0])) continue;
      names.push({ name, index: match.index + match[0].indexOf(name) });
    }
  }
  // A name on a line of its own with a job title on the next (a signature without a sign-off).
  let offset = 0;
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    // The title as far as its noun: "Policy Officer, Office of the Commissioner" is not a Commissioner.
    const title = ROLE_LINE.exec(lines[i + 1] ?? "")?.[0];
    const candidate = line.trim();
    if (title && WHOLE_NAME.test(candidate) && !PUBLIC_ROLE.test(title)) {
      if (!candidate.split(/\s+/).some((word) => NOT_NAMES.has(word)) && !ORGANISATION.test(candidate)) {
        names.push({ name: candidate, index: offset + line.indexOf(candidate) });
      }
    }
    offset += line.length + 1;
  });
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
