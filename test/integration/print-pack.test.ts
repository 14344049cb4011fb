import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, expect, it } from "vitest";
import { approveLetters } from "../../src/campaigns/records/approve-letters.ts";
import { importCampaign } from "../../src/campaigns/records/import-campaign.ts";
import { recordSent } from "../../src/campaigns/records/record-sent.ts";
import { fileStore } from "../../src/files/file-store.ts";
import { readCampaignFolder } from "../../src/files/read-campaign-folder.ts";
import { stageOutput } from "../../src/files/staged-output.ts";
import type { Letter } from "../../src/letters/model.ts";
import { RenderPool } from "../../src/letters/pool/render-pool.ts";
import { renderToBytes } from "../../src/letters/pool/render-to-bytes.ts";
import { makePrintPack, type PrintPackOptions } from "../../src/post/print-pack.ts";
import { openDatabase, type Database } from "../../src/store/database.ts";
import { addUser } from "../../src/users/add-user.ts";
import { describeOnEachDatabase, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { readPdfPages } from "../support/pdf-text.ts";
import { pdfInfo } from "../support/pdf-tools.ts";
import { copyOfExample } from "../support/records.ts";
import { tempDir } from "../support/render-cli.ts";

// The print pack for letters sent by post, over a campaign taken through the
// real use cases (imported, approved with real PDFs from the render pool) and
// read back with poppler: each letter starts on an odd page, a blank page
// follows each letter with an odd page count, and the manifest says so.

const SALUTATIONS: Record<string, string> = {
  nottinghamshire: "Dear Paddy,",
  "thames-valley": "Dear Anthony,",
  sussex: "Dear Katy,",
  essex: "Dear Roger,",
  "south-yorkshire": "Dear Dr Billings,",
};
const ORDER = Object.keys(SALUTATIONS);
const LONGER = "I would also welcome a note of how each partner in the unit shares what it learns. "
  .repeat(40)
  .trim();
// A4 in points, as Typst writes it and pdf-lib's blank page.
const A4 = { width: 595.28, height: 841.89 };

type ManifestRow = Record<"recipient" | "name" | "first_page" | "pages" | "sheets" | "postage", string>;

const readManifest = (dir: string): ManifestRow[] =>
  parse(readFileSync(join(dir, "manifest.csv"), "utf8"), { columns: true });

/** Staging folders are made beside the output folder; none may be left behind. */
const leftovers = (out: string) => readdirSync(dirname(out)).filter((name) => name.includes(".postbag-"));

describeOnEachDatabase("print pack", (kind) => {
  let test: TestDatabase;
  let database: Database;
  const pool = new RenderPool({ workers: 2, recycleAfter: 100 });
  const store = fileStore(tempDir("postbag-files-"));
  const deps = {
    readCampaignFolder,
    database: async () => database,
    fileStore: store,
    stageOutput,
    renderPdfs: (list: Letter[]) => renderToBytes(pool, list, "pdf"),
  };
  const pack = (options: Omit<PrintPackOptions, "campaign">, overrides = {}) =>
    makePrintPack({ campaign: "vru-2020", ...options }, { ...deps, ...overrides });
  const newOut = () => join(tempDir("postbag-pack-"), "pack");

  beforeAll(async () => {
    test = await freshDatabase(kind);
    database = await openDatabase(test.location);
    await database.migrate();
    const campaign = copyOfExample();
    campaign.editRecipients((csv) =>
      csv
        .split("\n")
        // Sussex's letter runs to a third page (its request is the last column): every seed letter has two.
        .map((line) => (line.startsWith("sussex,") ? line.replace(/\.$/, `. ${LONGER}`) : line))
        .join("\n")
        // A name a spreadsheet would run as a formula.
        .replace("Roger Hirst", "=Roger Hirst"),
    );
    await importCampaign({ dir: campaign.dir, actor: "ed@example.org" }, deps);
    await addUser({ email: "ann@example.org", role: "approver", actor: "admin" }, deps);
    await approveLetters({ campaign: "vru-2020", by: "ann@example.org" }, deps);
  });
  afterAll(async () => {
    await database?.close();
    await test?.drop();
  });

  it("puts every approved letter on its own sheets, each starting on an odd page", async () => {
    const out = newOut();
    const summary = await pack({ out });
    const manifest = readManifest(out);
    expect(manifest.map((row) => row.recipient)).toEqual(ORDER);
    // Sussex has three pages, the rest two: one blank page, after Sussex's letter.
    expect(manifest.map((row) => Number(row.pages))).toEqual([2, 2, 3, 2, 2]);
    expect(manifest.map((row) => Number(row.first_page))).toEqual([1, 3, 5, 9, 11]);
    expect(manifest.map((row) => Number(row.sheets))).toEqual([1, 1, 2, 1, 1]);
    expect(manifest.every((row) => row.postage === "second")).toBe(true);
    expect(manifest.map((row) => row.name)).toEqual([
      "Paddy Tipping",
      "Anthony Stansfeld",
      "Katy Bourne OBE",
      "'=Roger Hirst",
      "Dr Alan Billings",
    ]);
    expect(summary).toMatchObject({ letters: 5, pages: 12, blankPages: 1, sheets: 6, postage: "second" });

    const file = join(out, "pack.pdf");
    expect(Number(pdfInfo(file).Pages)).toBe(12);
    const pages = readPdfPages(file);
    expect(pages).toHaveLength(12);
    for (const page of pages) {
      expect(page.width).toBeCloseTo(A4.width, 0);
      expect(page.height).toBeCloseTo(A4.height, 0);
    }
    const texts = pages.map((page) => page.lines.map((line) => line.text));
    for (const row of manifest) {
      const first = Number(row.first_page);
      expect(first % 2).toBe(1);
      // The letter's own first page holds its salutation, and no other page does.
      expect(texts[first - 1]).toContain(SALUTATIONS[row.recipient]);
      const holders = texts.flatMap((lines, i) =>
        lines.includes(SALUTATIONS[row.recipient] ?? "") ? [i + 1] : [],
      );
      expect(holders).toEqual([first]);
    }
    // Blank exactly where a letter with an odd count ends (Sussex: pages 5–7, blank 8), nowhere else.
    const blanks = texts.flatMap((lines, i) => (lines.length === 0 ? [i + 1] : []));
    expect(blanks).toEqual([8]);
    expect(leftovers(out)).toEqual([]);
  });

  it("packs one recipient's letter with the postage asked for", async () => {
    const out = newOut();
    const summary = await pack({ out, recipient: "sussex", postage: "first" });
    expect(summary).toMatchObject({ letters: 1, pages: 4, blankPages: 1, sheets: 2, postage: "first" });
    expect(readManifest(out)).toEqual([
      {
        recipient: "sussex",
        name: "Katy Bourne OBE",
        first_page: "1",
        pages: "3",
        sheets: "2",
        postage: "first",
      },
    ]);
    expect(Number(pdfInfo(join(out, "pack.pdf")).Pages)).toBe(4);
  });

  it("refuses bad input before writing anything", async () => {
    const out = newOut();
    await expect(pack({ out, postage: "pigeon" })).rejects.toMatchObject({
      code: "bad_input",
      location: { field: "postage" },
    });
    await expect(pack({ out, recipient: "nobody" })).rejects.toMatchObject({
      code: "not_found",
      location: { field: "recipient" },
    });
    await expect(makePrintPack({ campaign: "no-such", out }, deps)).rejects.toMatchObject({
      code: "not_found",
      location: { field: "campaign" },
    });
    expect(existsSync(out)).toBe(false);
    expect(leftovers(out)).toEqual([]);
  });

  it("writes nothing, and keeps an earlier pack, when a stored PDF is missing", async () => {
    const out = newOut();
    await pack({ out });
    writeFileSync(join(out, "notes.txt"), "kept");
    const before = readFileSync(join(out, "pack.pdf"));
    // Essex's PDF gone from the file store: the whole pack fails, naming the letter.
    const missing = {
      fileStore: {
        get: (hash: string) => (hash === essexHash ? Promise.resolve(null) : store.get(hash)),
      },
    };
    const essexHash = await hashOf("essex");
    await expect(pack({ out }, missing)).rejects.toMatchObject({
      code: "not_found",
      detail: expect.stringContaining("essex"),
    });
    expect(readFileSync(join(out, "pack.pdf")).equals(before)).toBe(true);
    expect(readdirSync(out).sort()).toEqual(["manifest.csv", "notes.txt", "pack.pdf"]);
    expect(leftovers(out)).toEqual([]);

    const fresh = newOut();
    await expect(pack({ out: fresh }, missing)).rejects.toMatchObject({ code: "not_found" });
    expect(existsSync(fresh)).toBe(false);
    expect(leftovers(fresh)).toEqual([]);
  });

  it("leaves out posted letters, but reprints one sent by post when it is named", async () => {
    await recordSent(
      { campaign: "vru-2020", recipient: "essex", on: "2020-10-13", via: "email", actor: "ed" },
      deps,
    );
    await recordSent({ campaign: "vru-2020", on: "2020-10-13", via: "post", actor: "ed" }, deps);
    const out = newOut();
    await expect(pack({ out })).rejects.toMatchObject({
      code: "not_found",
      detail: expect.stringContaining("no approved letters to post"),
    });
    expect(existsSync(out)).toBe(false);
    // Sent by email: not a letter for the post room.
    await expect(pack({ out, recipient: "essex" })).rejects.toMatchObject({
      code: "bad_input",
      detail: expect.stringContaining("sent via email"),
    });
    expect(existsSync(out)).toBe(false);

    const reprint = await pack({ out, recipient: "thames-valley" });
    expect(reprint).toMatchObject({ letters: 1, pages: 2, blankPages: 0, sheets: 1 });
    const pages = readPdfPages(join(out, "pack.pdf"));
    expect(pages[0]?.lines.map((line) => line.text)).toContain("Dear Anthony,");
  });

  /** The hash of a letter's stored PDF, read the way the pack reads it. */
  async function hashOf(recipient: string): Promise<string> {
    const { postalLetters } = await import("../../src/post/postal-letters.ts");
    const [letter] = await postalLetters(database.db, "vru-2020", recipient);
    if (!letter) throw new Error(`no letter to ${recipient}`);
    return letter.pdfHash;
  }
});
