import { readdirSync, readFileSync } from "node:fs";
import { printedAddress } from "../../src/letters/render/printed-links.ts";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE, postbag, ROOT, tempDir } from "../support/render-cli.ts";
import { readSeedLetter } from "../support/seed-letter.ts";
import { expectSeedReproduced } from "../support/seed-letter-match.ts";
import { NO_POPPLER, POPPLER_REASON } from "../support/tools.ts";

// The example campaign reproduces the five real letters word for word, in
// every format: date, address block line by line, salutation, body,
// footnotes and sign-off. On paper (PDF, DOCX) each link's address is
// printed after its text as well: it is checked there, then set aside.

const SEEDS = join(ROOT, "test/fixtures/seeds");
const RECIPIENT_OF_SEED: Record<string, string> = {
  "000_4c17799ced527872.txt": "nottinghamshire",
  "001_3c504daf5aebc070.txt": "thames-valley",
  "002_4aa9e6b2aa9fbb31.txt": "sussex",
  "003_9e13625cdf71716d.txt": "essex",
  "004_69242a8740a68d78.txt": "south-yorkshire",
};
const FORMATS = ["pdf", "docx", "html", "txt"] as const;
/** On paper a link's address follows its text (src/letters/render/printed-links.ts): the seeds, emailed, had none. */
const PAPER = new Set(["pdf", "docx"]);
const LINK_ADDRESSES = new Set(
  [...readFileSync(join(EXAMPLE, "letter.md"), "utf8").matchAll(/\]\(([^)]+)\)/g)].map((match) =>
    printedAddress(match[1] ?? ""),
  ),
);

let out: string;

beforeAll(() => {
  out = join(tempDir(), "letters");
  const result = postbag(["render", EXAMPLE, "--out", out]);
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
});

it("has one seed fixture per example recipient", () => {
  expect(readdirSync(SEEDS).sort()).toEqual(Object.keys(RECIPIENT_OF_SEED).sort());
});

describe.each(Object.entries(RECIPIENT_OF_SEED))("seed %s", (seedFile, recipient) => {
  const seed = readSeedLetter(join(SEEDS, seedFile));

  it("parses into complete parts", () => {
    expect(seed.address.length).toBeGreaterThanOrEqual(5);
    expect(seed.footnotes).toHaveLength(5);
    expect(seed.body.split(" ").length).toBeGreaterThan(500);
  });

  for (const format of FORMATS) {
    // The PDF is read back with poppler's pdftotext.
    const skip = format === "pdf" && NO_POPPLER;
    const name = `is reproduced word for word as ${recipient}.${format}${skip ? ` (${POPPLER_REASON})` : ""}`;
    it.skipIf(skip)(name, async () => {
      const printed = PAPER.has(format) ? LINK_ADDRESSES : undefined;
      await expectSeedReproduced(join(out, `${recipient}.${format}`), seed, printed);
    });
  }
});
