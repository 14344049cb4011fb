import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./render-cli.ts";

// Noisy copies of the five seed letters (test/fixtures/seeds: text
// conversions of the real PDFs, with mixed markup and footnotes where each
// page ended), made the ways letters arrive from other tools: as HTML, with
// page feet in odd places, with and without a letterhead, hard-wrapped, with
// stray characters, with links written three ways. `postbag learn` should
// learn the same template and recipients from every copy.

export const SEEDS_DIR = join(ROOT, "test/fixtures/seeds");

export interface Seed {
  /** File name, e.g. "000_4c17799ced527872.txt". */
  name: string;
  text: string;
}

export function readSeeds(): Seed[] {
  return readdirSync(SEEDS_DIR)
    .filter((name) => name.endsWith(".txt"))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(SEEDS_DIR, name), "utf8") }));
}

/** Writes the letters into a new folder `<parent>/<label>` and returns it. */
export function writeLetters(parent: string, label: string, letters: Seed[]): string {
  const dir = join(parent, label);
  mkdirSync(dir, { recursive: true });
  for (const letter of letters) writeFileSync(join(dir, letter.name), letter.text);
  return dir;
}

// --- A seed as parts ---------------------------------------------------------

/** A note line at a page foot: "¹ Home Office …", "<sup>1</sup> …", or the garbled "<sup>&</sup>lt;sup>1</sup> …". */
const NOTE_BLOCK = /^(?:<sup>&<\/sup>lt;sup>(\d+)<\/sup>|<sup>(\d+)<\/sup>|([¹²³⁴⁵⁶⁷⁸⁹]))\s*/;
const SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

export interface SeedParts {
  /** Blocks above the salutation (letterhead, date, address), each as its lines. */
  head: string[][];
  salutation: string;
  /** Body paragraphs, a paragraph that a page foot split joined again. */
  paragraphs: string[];
  /** "Yours sincerely," and the signature block, as blocks. */
  closing: string[];
  /** Notes in order, without their number: "Home Office (2019) [Funding …](#)". */
  notes: string[];
}

const blocksOf = (text: string) =>
  text
    .split(/\n[ \t]*\n/)
    .map((block) => block.trim())
    .filter(Boolean);

export function seedParts(text: string): SeedParts {
  const blocks = blocksOf(text);
  const salutationAt = blocks.findIndex((block) => block.startsWith("Dear "));
  const signOffAt = blocks.findIndex((block) => /^Yours (sincerely|faithfully),/.test(block));
  const notes = blocks
    .filter((block) => NOTE_BLOCK.test(block))
    .map((block) => block.replace(NOTE_BLOCK, ""));
  const paragraphs: string[] = [];
  for (const block of blocks.slice(salutationAt + 1, signOffAt)) {
    if (NOTE_BLOCK.test(block)) continue;
    const previous = paragraphs[paragraphs.length - 1];
    if (previous !== undefined && !/[.!?:]$/.test(previous) && /^\p{Ll}/u.test(block))
      paragraphs[paragraphs.length - 1] = `${previous} ${block}`;
    else paragraphs.push(block);
  }
  return {
    head: blocks.slice(0, salutationAt).map((block) => block.split("\n")),
    salutation: blocks[salutationAt] ?? "",
    paragraphs,
    closing: blocks.slice(signOffAt).filter((block) => !NOTE_BLOCK.test(block)),
    notes,
  };
}

const superscript = (n: number) => [...String(n)].map((digit) => SUPERSCRIPTS[Number(digit)]).join("");

/** The footnote numbers referenced in a stretch of seed text (superscripts or `<sup>n</sup>`). */
function referencesIn(text: string): number[] {
  return [...text.matchAll(/<sup>(\d+)<\/sup>|([¹²³⁴⁵⁶⁷⁸⁹])/g)].map((match) =>
    match[1] !== undefined ? Number(match[1]) : SUPERSCRIPTS.indexOf(match[2] ?? ""),
  );
}

// --- (a) The whole letter as HTML ----------------------------------------------

/**
 * The letter as a hand-made HTML page: `<p>` per paragraph, `<br>` between
 * address lines, `&amp;` and `&#8217;` (for every apostrophe) entities,
 * `<sup>n</sup>` references and the notes as a list at the end.
 */
export function asHtml(seed: Seed): Seed {
  const parts = seedParts(seed.text);
  const inline = (text: string) =>
    text
      .replace(/<sup>&<\/sup>lt;sup>(\d+)<\/sup>/g, "<sup>$1</sup>")
      .replace(/[¹²³⁴⁵⁶⁷⁸⁹]/g, (digit) => `<sup>${SUPERSCRIPTS.indexOf(digit)}</sup>`)
      .replace(/\\([()[\]])/g, "$1")
      .replace(/&(?!\w+;|#\d+;)/g, "&amp;")
      .replace(/'/g, "&#8217;")
      .replace(/\[([^\]]*)\]\(([^)]*)\)/g, '<a href="$2">$1</a>')
      .replace(/\*\*(.*?)\*\*/g, "<strong>$1</strong>");
  const head = parts.head.map((lines) =>
    lines.length === 1 && lines[0]?.startsWith("## ")
      ? `<h2>${inline(lines[0].slice(3))}</h2>`
      : `<p>${lines.map(inline).join("<br>\n")}</p>`,
  );
  const notes = parts.notes.map((note, i) => `<li id="fn${i + 1}">${inline(note)}</li>`);
  const body = [
    ...head,
    `<p>${inline(parts.salutation)}</p>`,
    ...parts.paragraphs.map((paragraph) => `<p>${inline(paragraph)}</p>`),
    ...parts.closing.map((block) => `<p>${inline(block)}</p>`),
    `<section class="footnotes">\n<ol>\n${notes.join("\n")}\n</ol>\n</section>`,
  ];
  return {
    name: seed.name.replace(/\.txt$/, ".html"),
    text: `<!DOCTYPE html>\n<html lang="en-GB">\n<head><meta charset="utf-8"><title>Letter</title></head>\n<body>\n${body.join("\n")}\n</body>\n</html>\n`,
  };
}

// --- (b) A page foot in the middle of a paragraph -------------------------------

/** Where each letter's page ends: a paragraph and how far into it, different for every letter. */
const PAGE_ENDS = [
  { paragraph: 1, at: 0.3 },
  { paragraph: 3, at: 0.8 },
  { paragraph: 0, at: 0.6 },
  { paragraph: 5, at: 0.5 },
  { paragraph: 2, at: 0.4 },
];

/**
 * Splits one paragraph mid-sentence (before a word in lower case, after a
 * word that ends no sentence) and puts the page's foot between the halves:
 * the notes referenced so far, "Page 1 of 2" and a form feed, in an order
 * that differs from letter to letter. The other notes go to the end, after
 * "Page 2 of 2".
 */
export function withPageFootInParagraph(seed: Seed, index: number, { formFeed = true } = {}): Seed {
  const parts = seedParts(seed.text);
  const end = PAGE_ENDS[index % PAGE_ENDS.length] ?? { paragraph: 1, at: 0.5 };
  const paragraph = parts.paragraphs[end.paragraph] ?? "";
  const words = paragraph.split(" ");
  let cut = Math.floor(words.length * end.at);
  while (
    cut < words.length &&
    !(/^\p{Ll}/u.test(words[cut] ?? "") && !/[.!?:;)]$/.test(words[cut - 1] ?? ""))
  )
    cut += 1;
  const first = words.slice(0, cut).join(" ");
  const second = words.slice(cut).join(" ");
  const before = [...parts.paragraphs.slice(0, end.paragraph), first].join("\n");
  const footNotes = Math.max(0, ...referencesIn(before));
  const note = (i: number) => `${superscript(i + 1)} ${parts.notes[i]}`;
  const foot = parts.notes.slice(0, footNotes).map((_, i) => note(i));
  const pageEnd = formFeed ? ["Page 1 of 2", "\f"] : ["Page 1 of 2"];
  const between = index % 2 === 0 ? [...foot, ...pageEnd] : [...pageEnd, ...foot];
  const text = [
    ...parts.head.map((lines) => lines.join("\n")),
    parts.salutation,
    ...parts.paragraphs.slice(0, end.paragraph),
    first,
    ...between,
    second,
    ...parts.paragraphs.slice(end.paragraph + 1),
    ...parts.closing,
    ...parts.notes.slice(footNotes).map((_, i) => note(footNotes + i)),
    "Page 2 of 2",
  ].join("\n\n");
  return { name: seed.name, text };
}

// --- (c) A letterhead in some letters only ----------------------------------------

/** The letterhead of the one seed that kept it: the blocks above its date. */
export function letterheadOf(seeds: Seed[]): string {
  const withHead = seeds.find((seed) => seed.text.includes("## Dame Sara Thornton")) ?? seeds[0];
  const text = withHead?.text ?? "";
  return text.slice(text.indexOf("## "), text.search(/^\d{1,2} [A-Z][a-z]+ \d{4}$/m)).trim();
}

/** The letter with the letterhead put on top (or taken off, when `keep` is false). */
export function withLetterhead(seed: Seed, letterhead: string, keep: boolean): Seed {
  const without = seed.text.replace(letterhead, "").replace(/^\s+/, "\n\n");
  return { name: seed.name, text: keep ? `\n\n${letterhead}\n\n${without.trimStart()}` : without };
}

// --- (d) Hard line wrapping --------------------------------------------------------

/**
 * Every paragraph after the salutation (and, with `notes`, every note)
 * wrapped at `width` columns, as mail clients do.
 */
export function hardWrapped(seed: Seed, { notes = false, width = 70 } = {}): Seed {
  const blocks = seed.text.split(/\n[ \t]*\n/);
  const salutationAt = blocks.findIndex((block) => block.trim().startsWith("Dear "));
  const wrapped = blocks.map((block, at) =>
    at > salutationAt && (notes || !NOTE_BLOCK.test(block.trim())) ? wrap(block, width) : block,
  );
  return { name: seed.name, text: wrapped.join("\n\n") };
}

function wrap(block: string, width: number): string {
  const lines: string[] = [];
  for (const word of block.replace(/\s+/g, " ").trim().split(" ")) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= width)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.join("\n");
}

// --- (e) Stray characters -------------------------------------------------------------

/** A stray token, standing alone between two words of a passage all letters share, in one letter. */
export interface StrayToken {
  letter: number;
  token: string;
  after: string;
}

export const STRAY_TOKENS: StrayToken[] = [
  { letter: 1, token: "|", after: "modern slavery offences" },
  { letter: 3, token: "•", after: "therefore am supportive of" },
];

/**
 * Zero-width spaces and soft hyphens inside words, no-break spaces between
 * words and in the postcode, Markdown escapes in the body, and (in the
 * letters STRAY_TOKENS names) a stray "|" or "•".
 */
export function withStrayCharacters(seed: Seed, index: number): Seed {
  let text = seed.text
    .replace("statutory responsibility", "statu\u200Btory respon\u00ADsibility")
    .replace("investigation and prosecution", "investi\u00ADgation\u00A0and prose\u200Bcution")
    .replace("Violence Reduction Units (VRUs)", "Violence\u00A0Reduction\u00A0Units \\(VRUs\\)")
    .replace("co-ordinated initiatives", "co\\-ordinated initiatives")
    .replace("National Referral Mechanism (NRM)", "National Referral Mechanism \\(NRM\\)")
    .replace("Public Health England", "Public\u00A0Health\u200B England")
    .replace(/^([A-Z]{1,2}\d[A-Z\d]?) (\d[A-Z]{2})$/m, "$1\u00A0$2");
  for (const stray of STRAY_TOKENS.filter((stray) => stray.letter === index))
    text = text.replace(stray.after, `${stray.after} ${stray.token}`);
  return { name: seed.name, text };
}

// --- (f) Links three ways ---------------------------------------------------------------

type LinkStyle = "markdown" | "html" | "plain" | "relative";
const LINK_STYLES: LinkStyle[] = ["html", "plain", "markdown", "relative", "plain"];

/**
 * Every link of the letter (Markdown `[text](#)`, `<a href>`, `<u>text</u>`)
 * rewritten in one style, a different one per letter: `[text](#)`,
 * `<a href="#">`, a relative `<a href="/…">`, or plain text.
 */
export function withLinkStyle(seed: Seed, index: number): Seed {
  const style = LINK_STYLES[index % LINK_STYLES.length] ?? "plain";
  const link = (text: string) => {
    switch (style) {
      case "markdown":
        return `[${text}](#)`;
      case "html":
        return `<a href="#">${text}</a>`;
      case "relative":
        return `<a href="/documents/${text.toLowerCase().replace(/\W+/g, "-")}">${text}</a>`;
      case "plain":
        return text;
    }
  };
  const text = seed.text
    .replace(/<a href="[^"]*">([^<]*)<\/a>/g, (_, inner: string) => link(inner))
    .replace(/<u>([^<]*)<\/u>/g, (_, inner: string) => link(inner))
    .replace(/\[((?:[^\]\\]|\\.)*)\]\(#\)/g, (_, inner: string) => link(inner));
  return { name: seed.name, text };
}

/** The links of one letter pointing at a real web address: a link only that letter has. */
export function withAbsoluteLinks(seed: Seed): Seed {
  return {
    name: seed.name,
    text: seed.text
      .replace(/<a href="[^"]*">([^<]*)<\/a>/g, "[$1](https://www.antislaverycommissioner.co.uk/)")
      .replace(/\[((?:[^\]\\]|\\.)*)\]\(#\)/g, "[$1](https://www.antislaverycommissioner.co.uk/)"),
  };
}
