// Whether a name found in a document is one of the campaign's public
// office-holders. Names are compared without honorifics ("Chief Constable",
// "Dr") or post-nominals ("QPM", "OBE"), by surname, allowing initials and
// missing first names: "Mr Marsh" and "A. Marsh" are "Sir Andy Marsh QPM".

const HONORIFIC_WORDS = new Set(
  (
    "mr mrs ms miss mx dr sir dame lord lady baroness baron cllr councillor professor prof rev revd reverend " +
    "dci di ds dc pc sgt sergeant inspector chief superintendent constable deputy assistant commissioner " +
    "commander judge justice the rt right hon honourable"
  ).split(" "),
);

const POST_NOMINALS = new Set(
  (
    "dbe cbe obe mbe kbe gbe qpm kpm bem mp msp ms ma mla jp dl kc qc pc phd frs frse ba bsc msc llb llm " +
    "cb cmg kcb gcb dso mc qfsm mvo lvo cvo frcp frcs ceng ostj"
  ).split(" "),
);

/** "Chief Constable Sir Andy Marsh QPM" → ["andy", "marsh"]. */
export function nameTokens(name: string): string[] {
  const tokens = name
    .replace(/['’]s\b/g, "")
    .split(/[\s.,()]+/)
    .filter(Boolean)
    .map((token) => token.toLowerCase());
  while (tokens.length > 0 && HONORIFIC_WORDS.has(tokens[0] ?? "")) tokens.shift();
  while (tokens.length > 0 && POST_NOMINALS.has(tokens[tokens.length - 1] ?? "")) tokens.pop();
  return tokens;
}

export function isPublicPerson(name: string, publicPeople: readonly string[]): boolean {
  const found = nameTokens(name);
  if (found.length === 0) return true;
  return publicPeople.some((person) => sameName(found, nameTokens(person)));
}

function sameName(found: string[], known: string[]): boolean {
  if (known.length === 0) return false;
  // A lone first name under a signature ("Andy") is the office-holder too.
  if (found.length === 1 && found[0] === known[0]) return true;
  if (found[found.length - 1] !== known[known.length - 1]) return false;
  const given = known.slice(0, -1);
  return found
    .slice(0, -1)
    .every((token) => given.some((name) => name === token || (token.length === 1 && name.startsWith(token))));
}
