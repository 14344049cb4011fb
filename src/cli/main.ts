import { isPostbagError } from "../errors.ts";
import { readConfig } from "../config.ts";
import { createServices, type Services } from "../services.ts";
import { approveCommand } from "./approve-command.ts";
import { chaseCommand, exportCommand } from "./chase-export-commands.ts";
import { auditCommand, migrateCommand, usersCommand } from "./admin-commands.ts";
import { importCommand } from "./import-command.ts";
import { recordReplyCommand } from "./record-reply-command.ts";
import { repliesCommand } from "./replies-command.ts";
import { recordSentCommand } from "./record-sent-command.ts";
import { printPackCommand } from "./print-pack-command.ts";
import { publishCommand, unpublishCommand } from "./publish-command.ts";
import { overdueCommand, statusCommand } from "./status-command.ts";
import { deadlineCommand } from "./deadline-command.ts";
import { checkFileCommand } from "./check-file-command.ts";
import { learnCommand } from "./learn-command.ts";
import { renderCommand } from "./render-command.ts";
import { serveCommand } from "./serve-command.ts";
import { copyDatabaseCommand } from "./copy-database-command.ts";
import { sendCommand } from "./send-command.ts";
import { UsageError, type Command } from "./command.ts";

const COMMANDS: Record<string, Command> = {
  render: renderCommand,
  serve: serveCommand,
  deadline: deadlineCommand,
  "check-file": checkFileCommand,
  import: importCommand,
  approve: approveCommand,
  "record-sent": recordSentCommand,
  "print-pack": printPackCommand,
  send: sendCommand,
  "record-reply": recordReplyCommand,
  replies: repliesCommand,
  status: statusCommand,
  overdue: overdueCommand,
  chase: chaseCommand,
  export: exportCommand,
  publish: publishCommand,
  unpublish: unpublishCommand,
  migrate: migrateCommand,
  "copy-database": copyDatabaseCommand,
  audit: auditCommand,
  users: usersCommand,
  learn: learnCommand,
};

const HELP = `postbag: correspondence campaigns

Usage:
  postbag render <campaign-dir> --out <dir> [--format pdf,docx,html,txt] [--json]
  postbag serve
  postbag deadline --from <date> --working-days <n> [--nation england|wales|scotland|northern-ireland] [--json]
  postbag check-file <file>... [--json]
  postbag learn <file-or-folder>... --out <campaign-dir> [--title <title>] [--force] [--json]
  postbag import <campaign-dir> [--by <email>] [--json]
  postbag approve <campaign> [--recipient <id>] --by <email> [--json]
  postbag record-sent <campaign> [--recipient <id>] --on <date> --via post|email|hand [--json]
  postbag send <campaign> [--recipient <id>] --via email|post|notify [--out <dir>] [--dry-run] [--json]
  postbag print-pack <campaign> --out <dir> [--recipient <id>] [--postage first|second|economy] [--json]
  postbag record-reply <campaign> --recipient <id> --on <date> [--file <path>]... [--item <id>=<state>]... [--json]
  postbag replies import <file.eml>... [--json] | postbag replies poll [--once] [--json]
  postbag status <campaign> [--as-of <date>] [--json]
  postbag overdue [--as-of <date>] [--json]
  postbag chase <campaign> [--as-of <date>] [--json]
  postbag export <campaign> --format csv|xlsx --out <file> [--as-of <date>]
  postbag publish <campaign> [--recipient <id>] [--json] | postbag publish --static <dir>
  postbag unpublish <campaign> [--recipient <id>] [--json]
  postbag users add --email <email> --role admin|editor|approver|viewer [--password-stdin]
  postbag audit verify
  postbag migrate
  postbag copy-database --to <postgres-url> [--files database]
  postbag <command> --help

Every command takes --data <dir> (default ./data, or POSTBAG_DATA) for the embedded
database; DATABASE_URL selects a PostgreSQL server instead.

Exit status: 0 done, 2 bad input (the message names the file, line or row and column), 1 anything else.`;

/** Runs one command; returns the exit status. Users never see a stack trace. */
export async function main(args: string[]): Promise<number> {
  const { argv, dataDir } = takeDataOption(args);
  const [name, ...rest] = argv;
  if (!(name && COMMANDS[name]?.stopsOnSignals)) {
    // Exit (rather than die) on Ctrl-C, so that clean-up on exit runs.
    process.once("SIGINT", () => process.exit(130));
    process.once("SIGTERM", () => process.exit(143));
  }
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(`${HELP}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`postbag: unknown command "${name}"\n\n${HELP}\n`);
    return 2;
  }
  let services: Services | undefined;
  try {
    if (rest.includes("--help") || rest.includes("-h")) {
      process.stdout.write(`${command.help}\n`);
      return 0;
    }
    const env = dataDir === undefined ? process.env : { ...process.env, POSTBAG_DATA: dataDir };
    return await command.run(
      rest,
      () =>
        (services ??= createServices(readConfig(env), { command: name, mustOwn: command.alone ?? false })),
    );
  } catch (error) {
    return reportError(error, command.help);
  } finally {
    await services?.close();
  }
}

/** `--data <dir>` may stand anywhere: every command that keeps records takes it. */
function takeDataOption(args: string[]): { argv: string[]; dataDir?: string } {
  const at = args.indexOf("--data");
  if (at === -1) return { argv: args };
  const dataDir = args[at + 1];
  if (dataDir === undefined) throw new UsageError("--data needs a folder");
  return { argv: [...args.slice(0, at), ...args.slice(at + 2)], dataDir };
}

/** Failures of Postbag or its surroundings exit 1; anything the user can correct exits 2. */
const FAILURES = new Set(["internal", "render_failed", "database", "conflict"]);

function reportError(error: unknown, help: string): number {
  if (error instanceof UsageError) {
    process.stderr.write(`postbag: ${error.message}\n\n${help}\n`);
    return 2;
  }
  if (isPostbagError(error)) {
    process.stderr.write(`postbag: error: ${error.message}\n`);
    return FAILURES.has(error.code) ? 1 : 2;
  }
  process.stderr.write(
    `postbag: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  if (process.env.POSTBAG_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return 1;
}
