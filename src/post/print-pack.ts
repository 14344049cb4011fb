import type { LetterKind } from "../campaigns/queries/find-letter.ts";
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { PostbagError } from "../errors.ts";
import { storedBytes, type FileStore } from "../files/file-store.ts";
import type { StagedOutput } from "../files/staged-output.ts";
import { writeTable, type Table } from "../files/write-table.ts";
import type { Database } from "../store/database.ts";
import { assemblePack, type PackedLetter } from "./assemble-pack.ts";
import { postalLetters } from "./postal-letters.ts";

// The print pack for letters sent by post: pack.pdf (every letter, each
// starting on the front of a sheet) and manifest.csv (what the post room
// needs to fold, stuff and frank each envelope), written all or nothing.

export const POSTAGE_CLASSES = ["first", "second", "economy"] as const;
export type PostageClass = (typeof POSTAGE_CLASSES)[number];

export interface PrintPackOptions {
  campaign: string;
  /** One recipient's letter only (which may be one already posted: a reprint). */
  recipient?: string | undefined;
  /** Written on every manifest row; second class unless told. */
  postage?: string | undefined;
  /** The output folder; files already in it other than the pack's are kept. */
  out: string;
  /** First letters (the default), or the approved chasers. */
  kind?: LetterKind | undefined;
}

export interface PrintPackDeps {
  database(): Promise<Database>;
  fileStore: Pick<FileStore, "get">;
  stageOutput(outDir: string): Promise<StagedOutput>;
}

export interface PrintPackSummary {
  campaign: string;
  out: string;
  postage: PostageClass;
  letters: number;
  /** Pages of pack.pdf, blank ones included. */
  pages: number;
  /** Blank pages added so each letter starts on an odd page. */
  blankPages: number;
  sheets: number;
  files: string[];
}

export const PACK_FILE = "pack.pdf";
export const MANIFEST_FILE = "manifest.csv";

export async function makePrintPack(
  { campaign, recipient, postage = "second", out, kind = "letter" }: PrintPackOptions,
  deps: PrintPackDeps,
): Promise<PrintPackSummary> {
  const postageClass = parsePostage(postage);
  const { db } = await deps.database();
  const letters = await postalLetters(db, campaign, recipient, kind);
  if (letters.length === 0) {
    throw new PostbagError(
      "not_found",
      kind === "chaser"
        ? `campaign "${campaign}" has no approved chasers to post: draft and approve them first (postbag chase, then approve each on its page)`
        : `campaign "${campaign}" has no approved letters to post: approve them first (postbag approve)`,
      { field: "campaign" },
    );
  }
  // Everything is read and joined before a file is written: a missing PDF leaves no trace.
  const parts = [];
  for (const letter of letters) {
    const pdf = await storedBytes(
      deps.fileStore,
      letter.pdfHash,
      `the approved PDF of the ${kind} to ${letter.recipient}`,
    );
    parts.push({ recipient: letter.recipient, pdf });
  }
  const pack = await assemblePack(parts, `${campaign}: ${kind === "chaser" ? "chasers" : "letters"} to post`);
  const names = new Map(letters.map((letter) => [letter.recipient, letter.name]));
  const manifest = manifestTable(pack.letters, names, postageClass);

  const staged = await deps.stageOutput(out);
  try {
    await writeFile(join(staged.dir, PACK_FILE), pack.bytes);
    await writeTable(join(staged.dir, MANIFEST_FILE), manifest, "csv", campaign);
    await staged.commit();
  } catch (error) {
    await staged.abort();
    throw error;
  }
  const sheets = pack.letters.reduce((sum, letter) => sum + letter.sheets, 0);
  return {
    campaign,
    out: resolve(out),
    postage: postageClass,
    letters: pack.letters.length,
    pages: pack.pages,
    blankPages: pack.pages - pack.letters.reduce((sum, letter) => sum + letter.pages, 0),
    sheets,
    files: [PACK_FILE, MANIFEST_FILE],
  };
}

export function parsePostage(value: string): PostageClass {
  if ((POSTAGE_CLASSES as readonly string[]).includes(value)) return value as PostageClass;
  throw new PostbagError("bad_input", `the postage must be one of ${POSTAGE_CLASSES.join(", ")}`, {
    field: "postage",
  });
}

/** One row per envelope; written through writeTable, so a name cannot run as a spreadsheet formula. */
function manifestTable(letters: PackedLetter[], names: Map<string, string>, postage: PostageClass): Table {
  return {
    columns: ["recipient", "name", "first_page", "pages", "sheets", "postage"],
    rows: letters.map((letter) => [
      letter.recipient,
      names.get(letter.recipient) ?? "",
      String(letter.firstPage),
      String(letter.pages),
      String(letter.sheets),
      postage,
    ]),
  };
}
