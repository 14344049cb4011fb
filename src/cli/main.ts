import { isPostbagError } from "../errors.ts";
import type { Services } from "../services.ts";
import { UsageError, type Command, type CommandIo } from "./command.ts";
import { compileForQuickStart } from "./quick-start.ts";

type Loader = () => Promise<Command>;

// Each command's modules are loaded only when it runs, so that a command
// starts in a fraction of a second.
const COMMANDS: Record<string, Loader> = {
  render: async () => (await import("./render-command.ts")).renderCommand,
  serve: async () => (await import("./serve-command.ts")).serveCommand,
  deadline: async () => (await import("./deadline-command.ts")).deadlineCommand,
  "check-file": async () => (await import("./check-file-command.ts")).checkFileCommand,
  import: async () => (await import("./import-command.ts")).importCommand,
  approve: async () => (await import("./approve-command.ts")).approveCommand,
  "record-sent": async () => (await import("./record-sent-command.ts")).recordSentCommand,
  "print-pack": async () => (await import("./print-pack-command.ts")).printPackCommand,
  send: async () => (await import("./send-command.ts")).sendCommand,
  "record-reply": async () => (await import("./record-reply-command.ts")).recordReplyCommand,
  replies: async () => (await import("./replies-command.ts")).repliesCommand,
  status: async () => (await import("./status-command.ts")).statusCommand,
  overdue: async () => (await import("./status-command.ts")).overdueCommand,
  chase: async () => (await import("./chase-export-commands.ts")).chaseCommand,
  export: async () => (await import("./chase-export-commands.ts")).exportCommand,
  publish: async () => (await import("./publish-command.ts")).publishCommand,
  unpublish: async () => (await import("./publish-command.ts")).unpublishCommand,
  migrate: async () => (await import("./admin-commands.ts")).migrateCommand,
  "copy-database": async () => (await import("./copy-database-command.ts")).copyDatabaseCommand,
  audit: async () => (await import("./admin-commands.ts")).auditCommand,
  users: async () => (await import("./admin-commands.ts")).usersCommand,
  learn: async () => (await import("./learn-command.ts")).learnCommand,
  digest: async () => (await import("./digest-command.ts")).digestCommand,
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
  postbag digest <campaign> [--json|--csv]
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

/** The postbag process's own streams and environment. */
export function processIo(): CommandIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    },
    env: process.env,
    ownsProcess: true,
  };
}

/** Runs one command; returns the exit status. Users never see a stack trace. */
export async function main(args: string[], io: CommandIo = processIo()): Promise<number> {
  let command: Command | undefined;
  let services: Services | undefined;
  try {
    const { argv, dataDir } = takeDataOption(args);
    const [name, ...rest] = argv;
    if (!name || name === "--help" || name === "-h" || name === "help") {
      io.stdout.write(`${HELP}\n`);
      return name ? 0 : 2;
    }
    const load = COMMANDS[name];
    if (!load) {
      io.stderr.write(`postbag: unknown command "${name}"\n\n${HELP}\n`);
      return 2;
    }
    command = await load();
    // Exit (rather than die) on Ctrl-C, so that clean-up on exit runs; serve stops itself.
    if (io.ownsProcess && !command.stopsOnSignals) exitOnSignals();
    if (io.ownsProcess && !command.runsForDays) compileForQuickStart();
    if (rest.includes("--help") || rest.includes("-h")) {
      io.stdout.write(`${command.help}\n`);
      return 0;
    }
    const env = dataDir === undefined ? io.env : { ...io.env, POSTBAG_DATA: dataDir };
    const opener = { command: name, mustOwn: command.alone ?? false, brief: !command.runsForDays };
    // The composition root and the configuration are loaded only for commands that use them.
    const root = command.offline
      ? undefined
      : { ...(await import("../services.ts")), ...(await import("../config.ts")) };
    return await command.run(
      rest,
      () => {
        if (!root) throw new Error(`postbag ${name} is marked offline but asked for services`);
        return (services ??= root.createServices(root.readConfig(env), opener));
      },
      io,
    );
  } catch (error) {
    return reportError(error, command?.help ?? HELP, io);
  } finally {
    await services?.close();
  }
}

function exitOnSignals(): void {
  process.once("SIGINT", () => process.exit(130));
  process.once("SIGTERM", () => process.exit(143));
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
const FAILURES = new Set(["internal", "render_failed", "database", "conflict", "mail_setup"]);

function reportError(error: unknown, help: string, io: CommandIo): number {
  if (error instanceof UsageError) {
    io.stderr.write(`postbag: ${error.message}\n\n${help}\n`);
    return 2;
  }
  if (isPostbagError(error)) {
    io.stderr.write(`postbag: error: ${error.message}\n`);
    return FAILURES.has(error.code) ? 1 : 2;
  }
  io.stderr.write(`postbag: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  if (io.env.POSTBAG_DEBUG && error instanceof Error) io.stderr.write(`${error.stack}\n`);
  return 1;
}
