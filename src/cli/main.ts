import { isPostbagError } from "../errors.ts";
import { readConfig } from "../config.ts";
import { createServices } from "../services.ts";
import { renderCommand } from "./render-command.ts";
import { serveCommand } from "./serve-command.ts";
import { UsageError, type Command } from "./command.ts";

const COMMANDS: Record<string, Command> = { render: renderCommand, serve: serveCommand };

const HELP = `postbag: correspondence campaigns

Usage:
  postbag render <campaign-dir> --out <dir> [--format pdf,docx,html,txt] [--json]
  postbag serve
  postbag <command> --help

Exit status: 0 done, 2 bad input (the message names the file, line or row and column), 1 anything else.`;

/** Runs one command; returns the exit status. Users never see a stack trace. */
export async function main(argv: string[]): Promise<number> {
  // Exit (rather than die) on Ctrl-C, so that clean-up on exit runs.
  process.once("SIGINT", () => process.exit(130));
  process.once("SIGTERM", () => process.exit(143));
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(`${HELP}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`postbag: unknown command "${name}"\n\n${HELP}\n`);
    return 2;
  }
  try {
    if (rest.includes("--help") || rest.includes("-h")) {
      process.stdout.write(`${command.help}\n`);
      return 0;
    }
    return await command.run(rest, () => createServices(readConfig()));
  } catch (error) {
    return reportError(error, command.help);
  }
}

function reportError(error: unknown, help: string): number {
  if (error instanceof UsageError) {
    process.stderr.write(`postbag: ${error.message}\n\n${help}\n`);
    return 2;
  }
  if (isPostbagError(error)) {
    process.stderr.write(`postbag: error: ${error.message}\n`);
    return error.code === "internal" || error.code === "render_failed" ? 1 : 2;
  }
  process.stderr.write(
    `postbag: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  if (process.env.POSTBAG_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return 1;
}
