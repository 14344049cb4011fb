import { aCampaignYaml, writeCampaign, type Row } from "./campaign-factory.ts";
import { joinLines, readRenderedLetter } from "./read-rendered-letter.ts";
import { words } from "./seed-letter.ts";

// Campaigns to learn back, letters written as Markdown by hand, and a
// rendered letter taken apart into what a reader checks.

// --- A second campaign ---------------------------------------------------------

/**
 * Seven recipients of one short letter: one passage differs for each, a
 * conditional sentence carries a footnote of its own (so the note after it is
 * numbered 2 in some letters and 3 in others), one letter greets no named
 * person ("Dear Sir or Madam", so "Yours faithfully"), two addresses have no
 * name line, and the addresses have one to three lines.
 */
export const WINTER_LETTER = `I am writing about the Commission's review of winter services in your area. ((concern))

Last year the Commission published its review of local services[^review], which found that many areas plan too late for severe weather.((pilot?? Your area took part in the pilot scheme that followed the review[^pilot], and I would welcome your view of how it went.))

I would be grateful for a copy of your winter plan and any guidance[^guidance] you give to residents. In the interests of transparency, I may publish your reply on the Commission's website.

[^review]: Local Services Commission (2023) [Review of local services](https://example.org/review)

[^pilot]: Local Services Commission (2024) The winter pilot scheme: interim findings

[^guidance]: Cabinet Office (2022) Preparing for emergencies
`;

const recipient = (
  id: string,
  name: string,
  title: string,
  lines: [string, string?, string?],
  postcode: string,
  salutation: string,
  pilot: "yes" | "no",
  concern: string,
): Row => ({
  id,
  name,
  title,
  address_line_1: lines[0],
  address_line_2: lines[1] ?? "",
  address_line_3: lines[2] ?? "",
  postcode,
  salutation,
  pilot,
  concern,
});

export const WINTER_RECIPIENTS: Row[] = [
  recipient(
    "lewes",
    "Zoe Nicholson",
    "Leader of Lewes District Council",
    ["Southover House", "Southover Road", "Lewes"],
    "BN7 1AB",
    "Dear Zoe",
    "yes",
    "Residents of Lewes have written to me about flooding on the Brooks.",
  ),
  recipient(
    "wealden",
    "",
    "Chief Executive of Wealden District Council",
    ["Council Offices", "Vicarage Lane", "Hailsham"],
    "BN27 2AX",
    "Dear Sir or Madam",
    "no",
    "Residents of Hailsham have written to me about gritting on rural roads.",
  ),
  recipient(
    "hastings",
    "Cllr Julia Hilton",
    "Leader of Hastings Borough Council",
    ["Muriel Matters House", "Breeds Place"],
    "TN34 3UY",
    "Dear Councillor Hilton",
    "yes",
    "Several people in Hastings have told me that the seafront shelters were closed in January.",
  ),
  recipient(
    "rother",
    "Doug Oliver",
    "Leader of Rother District Council",
    ["Town Hall", "London Road", "Bexhill-on-Sea"],
    "TN39 3JX",
    "Dear Doug",
    "no",
    "I understand that the Rye warming centre opened only two days a week last winter.",
  ),
  recipient(
    "eastbourne",
    "Stephen Holt",
    "Leader of Eastbourne Borough Council",
    ["1 Grove Road"],
    "BN21 4TW",
    "Dear Stephen",
    "yes",
    "A local charity has told me that emergency beds in Eastbourne ran out before Christmas.",
  ),
  recipient(
    "ringmer",
    "",
    "The Clerk to Ringmer Parish Council",
    ["The Parish Office", "Springett Avenue", "Ringmer"],
    "BN8 5QT",
    "Dear Clerk",
    "no",
    "The parish has asked me to look at bus services to the villages when roads are icy.",
  ),
  recipient(
    "adur",
    "Jeremy Gradwell",
    "Leader of Adur District Council",
    ["Shoreham Centre", "Pond Road", "Shoreham-by-Sea"],
    "BN43 5WU",
    "Dear Jeremy",
    "yes",
    "Residents of Shoreham have written to me about the closure of the footbridge, the loss of the night bus and the state of the river path.",
  ),
];

export function writeWinterCampaign(): Promise<string> {
  return writeCampaign({
    yaml: aCampaignYaml({
      title: "Winter services",
      date: "2024-11-04",
      sender: {
        name: "Local Services Commission",
        role: "Commissioner for Local Services",
        address: ["1 High Street", "London, SW1A 1AA"],
        phone: "020 7946 0000",
        email: "office@example.org",
      },
      signatory: { name: "Pat Jones", role: "Commissioner for Local Services" },
    }),
    letter: WINTER_LETTER,
    rows: WINTER_RECIPIENTS,
  });
}

// --- Markdown letters --------------------------------------------------------------

/**
 * A rendered text letter as a person would write it in Markdown: the sender's
 * name in bold, hard line breaks ("  ") in the letterhead, address and
 * signature, `[^n]` references, `[^n]: text` notes, and `[text](url)` links
 * (the text letter prints "text <url>"; which words are the link's comes from
 * the same letter rendered as HTML).
 */
export function txtToMarkdown(letter: string, html: string): string {
  let txt = letter;
  for (const [, url = "", text = ""] of html.matchAll(/<a href="((?:https?|mailto):[^"]*)">([^<]*)<\/a>/g)) {
    const words = text
      .replace(/&amp;/g, "&")
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"');
    txt = txt.split(`${words} <${url}>`).join(`[${words}](${url})`);
  }
  const [main = "", ...notes] = txt.split(/\n\n(?=\[1\] )/);
  const blocks = main.trimEnd().split("\n\n");
  const signOffAt = blocks.findIndex((block) => /^Yours \w+,$/.test(block));
  const md = blocks.map((block, at) => {
    const lines = block.split("\n");
    if (at === 0) return [`**${lines[0]}**`, ...lines.slice(1)].join("  \n");
    if (lines.length > 1 || at > signOffAt) return lines.join("  \n");
    return block.replace(/(\S)\[(\d+)\]/g, "$1[^$2]");
  });
  const noteText = notes
    .join("\n\n")
    .replace(/^\[(\d+)\] /gm, "[^$1]: ")
    .trim();
  return `${md.join("\n\n")}\n\n${noteText}\n`.replace(/\n\n\n$/, "\n");
}

// --- A rendered letter's parts -------------------------------------------------------

export interface LetterParts {
  address: string[];
  date: string;
  salutation: string;
  /** Each paragraph of the body as its words. */
  paragraphs: string[];
  signOff: string;
  signatory: string[];
  footnotes: string[];
}

const DATE = /^\d{1,2} [A-Z][a-z]+ \d{4}$/;

/** A rendered letter read back (any format readRenderedLetter reads) and taken apart. */
export async function letterParts(file: string): Promise<LetterParts> {
  const { lines, footnotes } = await readRenderedLetter(file);
  const dateAt = lines.findIndex((line) => DATE.test(line));
  const salutationAt = lines.findIndex((line) => line.startsWith("Dear "));
  const signOffAt = lines.findIndex((line) => /^Yours \w+,$/.test(line));
  // The address is the run of lines just above the date.
  let addressEnd = dateAt;
  while (addressEnd > 0 && lines[addressEnd - 1] === "") addressEnd -= 1;
  let addressStart = addressEnd;
  while (addressStart > 0 && lines[addressStart - 1] !== "") addressStart -= 1;
  const runs = (from: number, to: number) =>
    lines
      .slice(from, to)
      .join("\n")
      .split(/\n{2,}/)
      .map((run) => run.split("\n").filter(Boolean))
      .filter((run) => run.length > 0);
  return {
    address: lines.slice(addressStart, addressEnd),
    date: lines[dateAt] ?? "",
    salutation: lines[salutationAt] ?? "",
    paragraphs: runs(salutationAt + 1, signOffAt).map((run) => words(joinLines(run))),
    signOff: lines[signOffAt] ?? "",
    signatory: runs(signOffAt + 1, lines.length)[0] ?? [],
    footnotes,
  };
}
