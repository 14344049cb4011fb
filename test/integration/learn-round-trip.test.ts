import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  learn,
  learnHere,
  placeholdersOf,
  postbagAsync,
  render,
  renderTxtHere,
  type Learned,
  type LearnJson,
} from "../support/learn-cli.ts";
import {
  letterParts,
  txtToMarkdown,
  WINTER_RECIPIENTS,
  writeWinterCampaign,
} from "../support/learn-letters.ts";
import {
  asHtml,
  hardWrapped,
  letterheadOf,
  readSeeds,
  SEEDS_DIR,
  STRAY_TOKENS,
  withAbsoluteLinks,
  withLetterhead,
  withLinkStyle,
  withPageFootInParagraph,
  withStrayCharacters,
  writeLetters,
  type Seed,
} from "../support/learn-variants.ts";
import { EXAMPLE, tempDir } from "../support/render-cli.ts";

// `postbag learn` end to end: letters rendered by `postbag render` are
// learned back into a campaign that renders the same letters again; noisy
// copies of the five real seed letters learn the same campaign as the clean
// ones; and bad input is refused without writing anything.
//
// Every run of the command starts Node and tsx (seconds each), so all of them
// start together in the first beforeAll, a few at a time, and each test reads
// the result it is about. The noisy copies are learned in this process by the
// same use case, readers and writer (learnHere); one test checks that the
// command prints and writes the same for the clean seeds.

const work = tempDir("postbag-learn-round-trip-");
const runs: Array<() => Promise<unknown>> = [];

/** A piece of work started (once) by the first beforeAll, shared by the tests that read it. */
function shared<T>(make: () => Promise<T>): () => Promise<T> {
  let started: Promise<T> | undefined;
  const get = () => (started ??= make());
  runs.push(get);
  return get;
}

beforeAll(async () => {
  await Promise.allSettled(runs.map((get) => get()));
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

// --- 1. Round trips --------------------------------------------------------------

const FORMATS = ["txt", "html", "docx", "pdf", "md"] as const;
type Format = (typeof FORMATS)[number];

interface CampaignCase {
  label: string;
  recipients: number;
  /** The placeholders a minimal letter.md has. */
  textPlaceholders: number;
  conditionals: number;
  /** The campaign's letters rendered by `postbag render` in every format (and md written from txt). */
  letters: () => Promise<string>;
}

const renderAll = (campaign: () => Promise<string>, label: string) =>
  shared(async () => {
    const out = join(work, `${label}-letters`);
    await render(await campaign(), out, "pdf,docx,html,txt");
    for (const file of readdirSync(out).filter((name) => name.endsWith(".txt"))) {
      const [txt, html] = ["txt", "html"].map((ext) =>
        readFileSync(join(out, file.replace(/txt$/, ext)), "utf8"),
      );
      writeFileSync(join(out, file.replace(/txt$/, "md")), txtToMarkdown(txt ?? "", html ?? ""));
    }
    return out;
  });

const CAMPAIGNS: CampaignCase[] = [
  {
    label: "vru-2020",
    recipients: 5,
    textPlaceholders: 2,
    conditionals: 1,
    letters: renderAll(async () => EXAMPLE, "vru-2020"),
  },
  {
    label: "winter-services",
    recipients: WINTER_RECIPIENTS.length,
    textPlaceholders: 1,
    conditionals: 1,
    letters: renderAll(writeWinterCampaign, "winter-services"),
  },
];

interface RoundTrip {
  letters: string;
  learned: Learned;
  again: string;
}

const roundTrips = new Map<string, () => Promise<RoundTrip>>();
for (const campaign of CAMPAIGNS) {
  for (const format of FORMATS) {
    const key = `${campaign.label} ${format}`;
    roundTrips.set(
      key,
      shared(async () => {
        const letters = await campaign.letters();
        const files = readdirSync(letters)
          .filter((name) => name.endsWith(`.${format}`))
          .map((name) => join(letters, name));
        const learned = await learn(files, join(work, `${campaign.label}-from-${format}`));
        const again = join(work, `${campaign.label}-from-${format}-letters`);
        await renderTxtHere(learned.out, again);
        return { letters, learned, again };
      }),
    );
  }
}

describe.each(CAMPAIGNS)("learning $label back from its rendered letters", (campaign) => {
  describe.each(FORMATS)("from %s files", (format: Format) => {
    const key = `${campaign.label} ${format}`;
    const roundTrip = () => roundTrips.get(key)!();

    it("renders every letter again with the same address, date, salutation, body, notes and sign-off", async () => {
      const { letters, learned, again } = await roundTrip();
      expect(learned.report.letters).toHaveLength(campaign.recipients);
      for (const { file, id } of learned.report.letters) {
        const original = basename(file, extname(file));
        const before = await letterParts(join(letters, `${original}.txt`));
        const after = await letterParts(join(again, `${id}.txt`));
        expect(after, `${basename(file)} learned as ${id}`).toEqual(before);
        expect(before.paragraphs.length).toBeGreaterThan(2);
      }
      expect(learned.report.warnings).toEqual([]);
      expect(learned.report.noise).toEqual([]);
    });

    it("learns a minimal letter.md: only the placeholders the campaign needs", async () => {
      const { learned } = await roundTrip();
      const { text, conditional } = placeholdersOf(learned.letterMd);
      expect(text).toHaveLength(campaign.textPlaceholders);
      expect(conditional).toHaveLength(campaign.conditionals);
      expect(new Set([...text, ...conditional]).size).toBe(text.length + conditional.length);
      const passages = learned.report.columns.filter((column) => column.kind !== "frame");
      expect(passages.map((column) => column.name).sort()).toEqual([...text, ...conditional].sort());
      expect(learned.report.footnotes).toBe(campaign.label === "vru-2020" ? 5 : 3);
    });
  });
});

describe("the winter services campaign learned from HTML", () => {
  const fromHtml = () => roundTrips.get("winter-services html")!();

  it("keeps the footnote inside the conditional sentence, and the note after it numbered by letter", async () => {
    const { learned } = await fromHtml();
    const [conditional = ""] = placeholdersOf(learned.letterMd).conditional;
    const sentence = new RegExp(`\\(\\(${conditional}\\?\\?([^)]*)\\)\\)`).exec(learned.letterMd)?.[1] ?? "";
    expect(sentence).toMatch(/pilot scheme that followed the review\[\^\d+\]/);
    expect(learned.letterMd).toMatch(
      /^\[\^\d+\]: Local Services Commission \(2024\) The winter pilot scheme/m,
    );
  });

  it("keeps addresses without a name line and the sign-off of a letter to no named person", async () => {
    const { learned } = await fromHtml();
    const rows = parse(learned.recipientsCsv, { columns: true }) as Record<string, string>[];
    const wealden = rows.find((row) => row.salutation === "Dear Sir or Madam");
    expect(wealden).toMatchObject({
      name: "",
      title: "Chief Executive of Wealden District Council",
      sign_off: "Yours faithfully",
    });
    expect(rows.find((row) => row.salutation === "Dear Clerk")).toMatchObject({
      name: "",
      title: "The Clerk to Ringmer Parish Council",
      sign_off: "Yours sincerely",
    });
  });
});

describe("the example learned from Markdown letters", () => {
  it("reads them as Markdown: links and footnotes, not the text letter's [n] and <url>", async () => {
    const { letters, learned } = await roundTrips.get("vru-2020 md")!();
    const sussex = readFileSync(join(letters, "sussex.md"), "utf8");
    expect(sussex).toContain("[Annual Report](https://www.antislaverycommissioner.co.uk/)");
    expect(sussex).toMatch(/^\[\^5\]: Independent Anti-Slavery Commissioner and ECPAT UK/m);
    expect(sussex).not.toMatch(/\[\d\]|<https/);
    expect(learned.letterMd).toMatch(
      /\(\(\w+\?\? In September 2020 I published my \[Annual Report\]\(https:\/\/www\.antislaverycommissioner\.co\.uk\/\)/,
    );
    expect(learned.letterMd).toContain(
      "[^1]: Home Office (2019) [Funding for Violence Reduction Units announced](https://www.gov.uk/government/news/funding-for-violence-reduction-units-announced)",
    );
  });
});

/**
 * A short PDF letter, whose paragraphs are two lines long, has more paragraph
 * gaps than line gaps: its paragraphs must still be told apart.
 */
describe("a short PDF letter", () => {
  it("is read with its paragraphs apart (learned letter.md has three paragraphs)", async () => {
    const { learned } = await roundTrips.get("winter-services pdf")!();
    const paragraphs = learned.letterMd.split("\n\n").filter((block) => !block.startsWith("[^"));
    expect(paragraphs).toHaveLength(3);
    expect(learned.letterMd).not.toMatch(/Dear|Yours|November/);
  });
});

// --- 2. Noisy copies of the seed letters -------------------------------------------

const seeds = readSeeds();
const LETTERHEAD = letterheadOf(seeds);
const clean = shared(() => learnHere(SEEDS_DIR, join(work, "seeds-learned")));
const cleanByCommand = shared(() => learn([SEEDS_DIR], join(work, "seeds-learned-by-command")));

/** The seeds made noisy, written to a folder and learned. */
const learnedFrom = (label: string, make: (seed: Seed, index: number) => Seed) =>
  shared(() => learnHere(writeLetters(work, label, seeds.map(make)), join(work, `${label}-learned`)));

const NOISY = {
  html: learnedFrom("html", asHtml),
  pageFoot: learnedFrom("page-foot", (seed, i) => withPageFootInParagraph(seed, i, { formFeed: false })),
  pageFootFormFeed: learnedFrom("page-foot-form-feed", (seed, i) => withPageFootInParagraph(seed, i)),
  moreLetterheads: learnedFrom("more-letterheads", (seed, i) =>
    withLetterhead(seed, LETTERHEAD, i % 2 === 0),
  ),
  otherLetterhead: learnedFrom("other-letterhead", (seed, i) => withLetterhead(seed, LETTERHEAD, i === 3)),
  noLetterhead: learnedFrom("no-letterhead", (seed) => withLetterhead(seed, LETTERHEAD, false)),
  wrappedBody: learnedFrom("wrapped-body", (seed) => hardWrapped(seed, { notes: false })),
  wrappedNotes: learnedFrom("wrapped-notes", (seed) => hardWrapped(seed, { notes: true })),
  stray: learnedFrom("stray", withStrayCharacters),
  linkStyles: learnedFrom("link-styles", withLinkStyle),
  oneWithWebLinks: learnedFrom("one-with-web-links", (seed, i) => (i === 2 ? withAbsoluteLinks(seed) : seed)),
};

/** A report's noise as (letter, read, kept), the letter as its seed's number: file names differ by folder. */
const noiseOf = (report: LearnJson) =>
  report.noise.map(({ file, read, kept }) => ({ letter: basename(file).slice(0, 3), read, kept }));

describe("learning noisy copies of the seed letters", () => {
  let seedsLearned: Learned;
  beforeAll(async () => {
    seedsLearned = await clean();
  });

  function expectSameCampaign(learned: Learned) {
    expect(learned.letterMd).toBe(seedsLearned.letterMd);
    expect(learned.recipientsCsv).toBe(seedsLearned.recipientsCsv);
    expect(learned.campaignYaml).toBe(seedsLearned.campaignYaml);
    expect(learned.report.warnings).toEqual(seedsLearned.report.warnings);
    expect(noiseOf(learned.report)).toEqual(noiseOf(seedsLearned.report));
  }

  it("learns from the clean seeds what the example campaign holds", () => {
    const { text, conditional } = placeholdersOf(seedsLearned.letterMd);
    expect(text).toHaveLength(2);
    expect(conditional).toHaveLength(1);
    expect(seedsLearned.report.footnotes).toBe(5);
    expect(seedsLearned.report.letters.map((letter) => letter.id)).toEqual([
      "nottinghamshire",
      "thames-valley",
      "sussex",
      "fire-essex",
      "south-yorkshire",
    ]);
    // One seed's conversion printed "Act(2015": set aside as noise, the majority's reading kept.
    expect(noiseOf(seedsLearned.report)).toEqual([{ letter: "001", read: "Act(2015", kept: "Act 2015" }]);
  });

  it("learns the same from the seeds in this process as `postbag learn --json` does", async () => {
    const byCommand = await cleanByCommand();
    const { out: _out, ...report } = byCommand.report;
    const { out: _here, ...expected } = seedsLearned.report;
    expect(report).toEqual(expected);
    expect(byCommand.letterMd).toBe(seedsLearned.letterMd);
    expect(byCommand.recipientsCsv).toBe(seedsLearned.recipientsCsv);
    expect(byCommand.campaignYaml).toBe(seedsLearned.campaignYaml);
  });

  it("(a) as HTML pages with entities, <sup> references and a list of notes", async () => {
    const learned = await NOISY.html();
    // &#8217; is a right single quotation mark: the apostrophes of the values are now typographic ones.
    expect(learned.recipientsCsv).toContain("the ’Learning to Advise Programme’.");
    expect(learned.recipientsCsv.replace(/’/g, "'")).toBe(seedsLearned.recipientsCsv);
    expect(learned.recipientsCsv).toContain("Office of the Sussex Police & Crime Commissioner");
    expect(learned.recipientsCsv).not.toMatch(/&amp;|&#/);
    expect(learned.letterMd).toBe(seedsLearned.letterMd);
    expect(learned.campaignYaml).toBe(seedsLearned.campaignYaml);
    expect(noiseOf(learned.report)).toEqual(noiseOf(seedsLearned.report));
  });

  it("(b) with a page foot (notes, then 'Page 1 of 2') in the middle of a paragraph, at a different point in each letter", async () => {
    expectSameCampaign(await NOISY.pageFoot());
  });

  // A form feed is a page break, not the start of a tag.
  it("(b) the same with a form feed between the pages", async () => {
    expectSameCampaign(await NOISY.pageFootFormFeed());
  });

  it("(c) with the letterhead in three letters", async () => {
    expectSameCampaign(await NOISY.moreLetterheads());
  });

  it("(c) with the letterhead in another letter than the one that had it", async () => {
    expectSameCampaign(await NOISY.otherLetterhead());
  });

  it("(c) with no letterhead at all: the same letter and recipients, the sender guessed and said so", async () => {
    const learned = await NOISY.noLetterhead();
    expect(learned.letterMd).toBe(seedsLearned.letterMd);
    expect(learned.recipientsCsv).toBe(seedsLearned.recipientsCsv);
    expect(learned.report.warnings).toEqual([
      "no letter has a letterhead: the sender is the signatory",
      'the letters print no signatory\'s name: campaign.yaml names the signatory "Independent Anti-Slavery Commissioner"',
    ]);
    expect(learned.report.campaign.sender).toMatchObject({ name: "Independent Anti-Slavery Commissioner" });
    // The signature block prints the name, then the role: the role alone stands as the name, printed once.
    expect(learned.report.campaign.signatory).toEqual({
      name: "Independent Anti-Slavery Commissioner",
      role: "",
    });
  });

  it("(d) with every paragraph hard-wrapped at 70 columns", async () => {
    expectSameCampaign(await NOISY.wrappedBody());
  });

  // A Markdown link may wrap across lines, as its text does.
  it("(d) with the notes hard-wrapped at 70 columns too", async () => {
    expectSameCampaign(await NOISY.wrappedNotes());
  });

  it("(e) with zero-width spaces, soft hyphens, no-break spaces, Markdown escapes and a stray token in two letters", async () => {
    const learned = await NOISY.stray();
    expect(learned.letterMd).toBe(seedsLearned.letterMd);
    expect(learned.recipientsCsv).toBe(seedsLearned.recipientsCsv);
    expect(learned.campaignYaml).toBe(seedsLearned.campaignYaml);
    expect(learned.letterMd).not.toMatch(/[\u00A0\u00AD\u200B|•\\]/);
    // The stray tokens are set aside as conversion noise, each in the report under its own letter.
    expect(noiseOf(learned.report)).toEqual(
      expect.arrayContaining([
        ...STRAY_TOKENS.map((stray) => ({ letter: `00${stray.letter}`, read: stray.token, kept: "" })),
        ...noiseOf(seedsLearned.report),
      ]),
    );
    expect(learned.report.noise).toHaveLength(STRAY_TOKENS.length + seedsLearned.report.noise.length);
  });

  it("(f) with links as [text](#), <a href>, relative links or plain text, one way per letter", async () => {
    expectSameCampaign(await NOISY.linkStyles());
  });

  it("(f) with web links in one letter only: the body keeps the majority's plain text and reports the links", async () => {
    const learned = await NOISY.oneWithWebLinks();
    const withoutLinks = (markdown: string) =>
      markdown.replace(/\[([^\]]*)\]\((?:https?|mailto):[^)]*\)/g, "$1");
    expect(withoutLinks(learned.letterMd)).toBe(seedsLearned.letterMd);
    expect(learned.recipientsCsv).toBe(seedsLearned.recipientsCsv);
    const body = learned.letterMd.slice(0, learned.letterMd.indexOf("\n[^1]: "));
    expect(body).toBe(seedsLearned.letterMd.slice(0, seedsLearned.letterMd.indexOf("\n[^1]: ")));
    expect(
      noiseOf(learned.report)
        .filter((note) => note.letter === "002")
        .map((note) => note.kept),
    ).toEqual(["Strategic", "2019-2021"]);
  });
});

// --- 3. Refused input ----------------------------------------------------------------

/**
 * Runs learn in a folder of its own, expecting a refusal; returns the run and
 * everything that folder (inputs, --out, any staging folder) holds before and after.
 */
const refused = (label: string, setUp: (dir: string) => { args: string[]; out: string }) =>
  shared(async () => {
    const dir = join(work, `refused-${label}`);
    mkdirSync(dir, { recursive: true });
    const { args, out } = setUp(dir);
    const before = listing(dir);
    const run = await postbagAsync(["learn", ...args, "--out", out, "--json"]);
    return { run, out, before, after: listing(dir) };
  });

const listing = (dir: string): Record<string, string> =>
  existsSync(dir)
    ? Object.fromEntries(
        readdirSync(dir, { recursive: true, encoding: "utf8" })
          .sort()
          .map((name) => [name, existsSync(join(dir, name)) ? fileText(join(dir, name)) : ""]),
      )
    : {};
const fileText = (file: string) => {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "<folder>";
  }
};

const NOT_A_LETTER = "Minutes of the meeting of 3 March 2021\n\nPresent: the board.\n\nItem 1. Apologies.\n";

const REFUSALS = {
  noSalutation: refused("no-salutation", (dir) => {
    const letters = join(dir, "letters");
    mkdirSync(letters);
    for (const seed of seeds.slice(0, 2)) writeFileSync(join(letters, seed.name), seed.text);
    writeFileSync(join(letters, "minutes.txt"), NOT_A_LETTER);
    mkdirSync(join(dir, "campaign"));
    return { args: [letters], out: join(dir, "campaign") };
  }),
  outHoldsFiles: refused("out-holds-files", (dir) => {
    const out = join(dir, "campaign");
    mkdirSync(out);
    writeFileSync(join(out, "letter.md"), "My own letter, not to be overwritten.\n");
    writeFileSync(join(out, "notes.txt"), "Keep me.\n");
    return { args: [SEEDS_DIR], out };
  }),
  noFiles: refused("no-files", (dir) => ({ args: [], out: join(dir, "campaign") })),
  emptyFolder: refused("empty-folder", (dir) => {
    mkdirSync(join(dir, "letters"));
    writeFileSync(join(dir, "letters", "photo.jpg"), "not a letter");
    return { args: [join(dir, "letters")], out: join(dir, "campaign") };
  }),
  missingFile: refused("missing-file", (dir) => ({
    args: [join(SEEDS_DIR, seeds[0]?.name ?? ""), join(dir, "gone.txt")],
    out: join(dir, "campaign"),
  })),
  /**
   * --force over a folder where one of the files learn writes is a folder, so
   * moving that file into place fails. Two runs, each blocking another file:
   * whatever order the files are moved in, one run has moved a file before it fails.
   */
  forceOverFolder: (["letter.md", "recipients.csv"] as const).map((blocked) =>
    refused(`force-over-${blocked}`, (dir) => {
      const out = join(dir, "campaign");
      mkdirSync(join(out, blocked), { recursive: true });
      writeFileSync(join(out, "notes.txt"), "Keep me.\n");
      return { args: [SEEDS_DIR, "--force"], out };
    }),
  ),
  notAPdf: refused("not-a-pdf", (dir) => {
    writeFileSync(join(dir, "letter.pdf"), seeds[0]?.text ?? "");
    return {
      args: [join(SEEDS_DIR, seeds[1]?.name ?? ""), join(dir, "letter.pdf")],
      out: join(dir, "campaign"),
    };
  }),
};

describe("refusing bad input", () => {
  it("a letter with no 'Dear …' line: exit 2, naming the file, nothing written", async () => {
    const { run, out, before, after } = await REFUSALS.noSalutation();
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("minutes.txt");
    expect(run.stderr).toMatch(/no salutation \("Dear …"\)/);
    expect(run.stdout).toBe("");
    expect(readdirSync(out)).toEqual([]);
    expect(after).toEqual(before);
  });

  it("an --out folder that already holds files: exit 2, its files untouched, nothing added", async () => {
    const { run, out, before, after } = await REFUSALS.outHoldsFiles();
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("already holds files");
    expect(run.stderr).toContain(out);
    expect(after).toEqual(before);
    expect(readdirSync(out).sort()).toEqual(["letter.md", "notes.txt"]);
  });

  it("no letter files named: exit 2 with the usage", async () => {
    const { run, out, after, before } = await REFUSALS.noFiles();
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("name at least one letter file or folder");
    expect(run.stderr).toContain("Usage: postbag learn");
    expect(existsSync(out)).toBe(false);
    expect(after).toEqual(before);
  });

  it("a folder with no letter files in it: exit 2, naming the folder", async () => {
    const { run, out, after, before } = await REFUSALS.emptyFolder();
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("the folder holds no letter files");
    expect(run.stderr).toContain(join(dirname(out), "letters"));
    expect(after).toEqual(before);
  });

  it("a file that does not exist: exit 2, naming it, nothing written", async () => {
    const { run, out, after, before } = await REFUSALS.missingFile();
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("gone.txt");
    expect(existsSync(out)).toBe(false);
    expect(after).toEqual(before);
  });

  // A folder in the way of one of the files is found before any file is moved.
  it("--force where a file cannot be replaced: fails without writing half a campaign", async () => {
    for (const attempt of REFUSALS.forceOverFolder) {
      const { run, after, before } = await attempt();
      expect(run.status).not.toBe(0);
      expect(after).toEqual(before);
    }
  });

  it("a text file named .pdf: exit 2, naming it, nothing written", async () => {
    const { run, out, after, before } = await REFUSALS.notAPdf();
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/letter\.pdf.*not a PDF|not a PDF.*letter\.pdf/);
    expect(existsSync(out)).toBe(false);
    expect(after).toEqual(before);
  });
});
