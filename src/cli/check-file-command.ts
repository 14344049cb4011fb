import { readFile } from "node:fs/promises";
import { checkDocument } from "../documents/checks/check-document.ts";
import { EMPTY_CONTEXT, type DocumentKind, type Finding } from "../documents/document.ts";
import { PostbagError } from "../errors.ts";
import { parseCommandArgs } from "./args.ts";
import { UsageError, type Command } from "./command.ts";

const HELP = `Usage: postbag check-file <file>... [--json]

Runs the publication checks on files, as Postbag does before a reply's file goes public:
hidden content (hidden sheets, rows and columns, comments, tracked changes, hidden text,
attachments, scripts, text under boxes, earlier revisions) blocks publication; personal
data (people's names and email addresses, phone numbers, National Insurance numbers,
postcodes) is flagged for review. Also lists the metadata the public copy would lose.
Nothing is changed or written.

Without a campaign, nobody counts as a public office-holder and no postcode as public.

Options:
  --json                   print the results as JSON
  -h, --help               show this help

Exit status: 0 every file is clear, 1 a file has findings, 2 a path is missing or cannot be read.`;

interface FileResult {
  file: string;
  kind: DocumentKind;
  findings: Finding[];
  metadataRemoved: string[];
}

// Needs no database: the checks are pure, and run here without a campaign's context.
export const checkFileCommand: Command = {
  offline: true,
  help: HELP,
  async run(args, _services, io) {
    const { values, positionals } = parseCommandArgs(args, {});
    if (positionals.length === 0) throw new UsageError("name at least one file to check");
    // Every file is read before any is checked, so a mistyped name fails at once.
    const inputs = await Promise.all(positionals.map(async (file) => ({ file, bytes: await read(file) })));
    const files: FileResult[] = [];
    for (const { file, bytes } of inputs) {
      const { kind, findings, metadataRemoved } = await checkDocument(
        { name: file, mediaType: "application/octet-stream", bytes },
        EMPTY_CONTEXT,
      );
      files.push({ file, kind, findings, metadataRemoved });
    }
    const text = values.json ? JSON.stringify({ files }, null, 2) : files.map(describe).join("\n\n");
    io.stdout.write(`${text}\n`);
    // Review findings stop publication as blocking ones do, until a person resolves them.
    return files.some((result) => result.findings.length > 0) ? 1 : 0;
  },
};

async function read(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const detail =
      code === "ENOENT"
        ? "the file does not exist"
        : code === "EISDIR"
          ? "it is a folder, not a file"
          : `the file could not be read (${(error as Error).message})`;
    throw new PostbagError("bad_input", detail, { file });
  }
}

function describe({ file, kind, findings, metadataRemoved }: FileResult): string {
  const lines = [
    `${file} (${kind}): ${findings.length === 0 ? "clear" : `${findings.length} finding${findings.length === 1 ? "" : "s"}`}`,
  ];
  for (const finding of findings) {
    lines.push(`  ${finding.severity.padEnd(7)}${finding.code}, ${finding.location}: ${finding.message}`);
  }
  if (metadataRemoved.length > 0) {
    lines.push("  Metadata removed from the public copy:");
    for (const item of metadataRemoved) lines.push(`    ${item}`);
  }
  return lines.join("\n");
}
