import { FORMATS, type Format } from "../letters/model.ts";
import { parseCommandArgs } from "./args.ts";
import { UsageError, type Command, type Output } from "./command.ts";
import { progressBar } from "./progress.ts";

const HELP = `Usage: postbag render <campaign-dir> --out <dir> [options]

Makes one letter per recipient of the campaign folder, as <dir>/<id>.<format>.
All or nothing: if any row or the template is wrong, nothing is written.

Options:
  --out <dir>              where to write the letters (required)
  --format <list>          comma-separated: pdf,docx,html,txt (default: all four)
  --pdf-standard <std>     ua-1 (default, tagged PDF/UA-1) or a-2b (PDF/A-2b, archival)
  --json                   print a JSON summary instead of text
  -h, --help               show this help`;

export const renderCommand: Command = {
  help: HELP,
  async run(args, services, io) {
    const { values, positionals } = parseCommandArgs(args, {
      out: { type: "string" },
      format: { type: "string" },
      "pdf-standard": { type: "string" },
    });
    const [campaignDir] = positionals;
    if (!campaignDir || positionals.length > 1) throw new UsageError("give exactly one campaign folder");
    if (!values.out) throw new UsageError("--out <dir> is required");
    const formats = parseFormats(values.format ?? FORMATS.join(","));
    const standard = values["pdf-standard"] ?? "ua-1";
    if (standard !== "ua-1" && standard !== "a-2b")
      throw new UsageError(`--pdf-standard must be ua-1 or a-2b`);
    const progress = progressBar(
      values.json ? "" : "Rendering letters",
      values.json ? nullStream : io.stderr,
    );
    const started = Date.now();
    const result = await services()
      .renderCampaign({
        campaignDir,
        outDir: values.out,
        formats,
        options: { pdfStandard: standard },
        onProgress: (done, total) => progress.update(done, total),
      })
      .finally(() => progress.end());
    const seconds = (Date.now() - started) / 1000;
    if (values.json) {
      const summary = {
        campaign: result.campaign,
        out: values.out,
        formats,
        letters: result.letters.length,
        seconds,
        files: result.files,
      };
      io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    } else {
      io.stdout.write(
        `Rendered ${result.letters.length} letters (${formats.join(", ")}) into ${values.out} in ${seconds.toFixed(1)} s\n`,
      );
    }
    return 0;
  },
};

const nullStream: Output = { write: () => true, isTTY: false };

function parseFormats(list: string): Format[] {
  const formats = list
    .split(",")
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean);
  const unknown = formats.filter((format) => !(FORMATS as readonly string[]).includes(format));
  if (unknown.length > 0 || formats.length === 0) {
    throw new UsageError(`--format takes ${FORMATS.join(", ")} (got "${list}")`);
  }
  return [...new Set(formats)] as Format[];
}
