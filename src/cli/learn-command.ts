import { readdir, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { PostbagError } from "../errors.ts";
import { learnCampaign } from "../learn/learn-campaign.ts";
import { LETTER_EXTENSIONS, readLetterAt } from "../learn/read/read-letter-file.ts";
import type { LetterText } from "../learn/read/letter-text.ts";
import { readLettersOnEveryCore } from "../learn/read/read-pool.ts";
import { writeLearnedCampaign } from "../learn/write-learned-campaign.ts";
import { reportText } from "../learn/write/learn-report.ts";
import { output, parseCommandArgs, requireValue } from "./args.ts";
import { UsageError, type Command, type CommandIo } from "./command.ts";
import { progressBar } from "./progress.ts";

const HELP = `Usage: postbag learn <file-or-folder>... --out <campaign-dir> [--title <title>] [--force] [--json]

Learns a campaign from letters already sent (PDF, DOCX, HTML, Markdown or text):
writes campaign.yaml (date, sender, signatory), letter.md (the words the letters
share, with placeholders, conditional text and footnotes), recipients.csv (one
row per letter) and learn-report.md (what varies between the letters). A folder
stands for every letter file in it.

Options:
  --out <dir>        the campaign folder to write (refused if it holds files, unless --force)
  --title <title>    the campaign's title (default: "Letters learned from N files")
  --force            write into a folder that already holds files, replacing Postbag's own
  --json             print the report as JSON
  -h, --help         show this help`;

// Needs no database: learning reads files and writes a campaign folder.
export const learnCommand: Command = {
  offline: true,
  help: HELP,
  async run(args, _services, io) {
    const { values, positionals } = parseCommandArgs(args, {
      out: { type: "string" },
      title: { type: "string" },
      force: { type: "boolean", default: false },
    });
    const out = requireValue(values.out, "--out");
    if (positionals.length === 0) throw new UsageError("name at least one letter file or folder");
    if (!values.force && (await holdsFiles(out))) {
      throw new PostbagError("learn", "the folder already holds files: choose a new one or add --force", {
        file: out,
      });
    }
    const files = (await Promise.all(positionals.map(letterFilesIn))).flat();
    const letters = await readLetters(files, io);
    const learned = learnCampaign({ letters, ...(values.title ? { title: values.title } : {}) });
    await writeLearnedCampaign(learned, out);
    output(io, values.json, { out, ...learned.report, campaign: learned.campaign }, () =>
      reportText(learned.report, out),
    );
    return 0;
  },
};

/** A worker process costs about half a second to start: worth it from a few dozen letters. */
const LETTERS_WORTH_A_POOL = 40;

async function readLetters(files: string[], io: CommandIo): Promise<LetterText[]> {
  const progress = progressBar("Reading letters", io.stderr);
  try {
    if (files.length >= LETTERS_WORTH_A_POOL) return await readLettersOnEveryCore(files, progress.update);
    const letters: LetterText[] = [];
    for (const file of files) {
      letters.push(await readLetterAt(file));
      progress.update(letters.length, files.length);
    }
    return letters;
  } finally {
    progress.end();
  }
}

async function letterFilesIn(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => {
    throw new PostbagError("bad_input", "the file does not exist", { file: path });
  });
  if (!info.isDirectory()) return [path];
  const names = (await readdir(path)).filter((name) =>
    LETTER_EXTENSIONS.includes(extname(name).toLowerCase()),
  );
  if (names.length === 0) throw new PostbagError("learn", "the folder holds no letter files", { file: path });
  return names.sort().map((name) => join(path, name));
}

async function holdsFiles(dir: string): Promise<boolean> {
  const info = await stat(dir).catch(() => null);
  if (info === null) return false;
  if (!info.isDirectory()) throw new PostbagError("learn", "--out names a file, not a folder", { file: dir });
  return (await readdir(dir)).length > 0;
}
