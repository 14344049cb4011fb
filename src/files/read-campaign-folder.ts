import { readFile, realpath } from "node:fs/promises";
import { basename, extname, isAbsolute, relative, resolve } from "node:path";
import { PostbagError } from "../errors.ts";
import type { Signature } from "../letters/model.ts";
import { controlCharacterPosition } from "../text/control-characters.ts";
import { readCampaignYaml, type CampaignYaml } from "./read-campaign-yaml.ts";
import { readCsvTable } from "./read-csv-table.ts";
import { readXlsxTable } from "./read-xlsx-table.ts";
import type { RecipientTable } from "./recipient-table.ts";

/** Everything a campaign folder holds, read but not yet checked against each other. */
export interface CampaignFolder {
  dir: string;
  /** `id` in campaign.yaml, else the folder's name. */
  id: string;
  config: CampaignYaml;
  letter: { file: string; source: string };
  /** The chaser template, when the folder has one. */
  chaser: { file: string; source: string } | null;
  recipients: RecipientTable;
  signature: Signature | null;
  /** Every file read, as read: what the database keeps as the campaign's sources (campaign_sources). */
  sources: SourceFile[];
}

export interface SourceFile {
  name: string;
  bytes: Buffer;
}

/** Where a campaign's files are read from: a folder on this disk, or the copy the database keeps. */
interface FolderFiles {
  root: string;
  read(file: string): Promise<Buffer>;
}

export async function readCampaignFolder(dir: string): Promise<CampaignFolder> {
  const root = resolve(dir);
  return readFrom({ root, read: (file) => readBytes(root, file) }, basename(root));
}

/**
 * A campaign from the files the database keeps (see readCampaignFolder);
 * `dir` is where it was last imported from, for messages only: nothing is read there.
 */
export function readCampaignSources(
  sources: SourceFile[],
  { dir, id }: { dir: string; id: string },
): Promise<CampaignFolder> {
  const byName = new Map(sources.map((source) => [source.name, source.bytes]));
  return readFrom(
    {
      root: dir,
      async read(file) {
        const bytes = byName.get(file);
        if (!bytes) throw new PostbagError("not_found", `not found in the campaign ${id}`, { file });
        return bytes;
      },
    },
    id,
  );
}

async function readFrom(files: FolderFiles, fallbackId: string): Promise<CampaignFolder> {
  const sources = new Map<string, Buffer>();
  const read: FolderFiles = {
    root: files.root,
    async read(file) {
      const bytes = await files.read(file);
      sources.set(file, bytes);
      return bytes;
    },
  };
  const config = readCampaignYaml(await readTemplateText(read, "campaign.yaml"), "campaign.yaml");
  const letterSource = await readTemplateText(read, config.letter);
  const recipients = await readRecipients(read, config.recipients);
  const signature = config.signatory.signature ? await readSignature(read, config.signatory.signature) : null;
  const chaser = await readOptionalText(read, config.chaser);
  return {
    dir: files.root,
    id: config.id ?? fallbackId,
    config,
    letter: { file: config.letter, source: letterSource },
    chaser,
    recipients,
    signature,
    sources: [...sources].map(([name, bytes]) => ({ name, bytes })),
  };
}

async function readRecipients(files: FolderFiles, file: string): Promise<RecipientTable> {
  const extension = extname(file).toLowerCase();
  if (extension === ".csv") return readCsvTable(await readText(files, file), file);
  if (extension === ".xlsx") return readXlsxTable(await files.read(file), file);
  throw new PostbagError("recipients", "recipients must be a .csv or .xlsx file", { file });
}

const SIGNATURE_FORMATS: Record<string, Signature["format"]> = {
  ".png": "png",
  ".jpg": "jpg",
  ".jpeg": "jpg",
  ".svg": "svg",
};

async function readSignature(files: FolderFiles, file: string): Promise<Signature> {
  const format = SIGNATURE_FORMATS[extname(file).toLowerCase()];
  if (!format) {
    throw new PostbagError("campaign", "the signature must be a .png, .jpg or .svg image", {
      file: "campaign.yaml",
      field: "signatory.signature",
    });
  }
  return { format, bytes: [...(await files.read(file))] };
}

async function readOptionalText(
  files: FolderFiles,
  file: string,
): Promise<{ file: string; source: string } | null> {
  try {
    return { file, source: await readTemplateText(files, file) };
  } catch (error) {
    if ((error as { code?: string }).code === "not_found") return null;
    throw error;
  }
}

async function readText(files: FolderFiles, file: string): Promise<string> {
  return (await files.read(file)).toString("utf8");
}

/** The text of campaign.yaml or a letter template, refused with its place when it holds a control character. */
async function readTemplateText(files: FolderFiles, file: string): Promise<string> {
  const text = await readText(files, file);
  const control = controlCharacterPosition(text);
  if (control) {
    throw new PostbagError(
      "campaign",
      `the file holds the control character ${control.character}: remove it`,
      {
        file,
        line: control.line,
        column: String(control.column),
      },
    );
  }
  return text;
}

async function readBytes(root: string, file: string): Promise<Buffer> {
  // A campaign folder is self-contained: campaign.yaml cannot name a file
  // elsewhere (an uploaded folder must not read the server's files).
  if (isAbsolute(file) || relative(root, resolve(root, file)).startsWith("..")) {
    throw new PostbagError("campaign", "must be a file inside the campaign folder", {
      file: "campaign.yaml",
      field: file,
    });
  }
  try {
    const path = await realpath(resolve(root, file));
    if (relative(await realpath(root), path).startsWith("..")) {
      throw Object.assign(new Error("outside"), { code: "EOUTSIDE" });
    }
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EOUTSIDE") {
      throw new PostbagError("campaign", "is a link to a file outside the campaign folder", { file });
    }
    const detail = code === "ENOENT" ? `not found in ${root}` : `cannot be read (${code ?? "error"})`;
    throw new PostbagError("not_found", detail, { file });
  }
}
