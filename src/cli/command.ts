import type { Services } from "../services.ts";

/** Where a command reads and writes: the process's own streams, or a test's. */
export interface CommandIo {
  stdout: Output;
  stderr: Output;
  /** The whole of standard input, read when a command asks for it (users add --password-stdin). */
  readStdin(): Promise<string>;
  /** The environment configuration is read from (src/config.ts). */
  env: NodeJS.ProcessEnv;
  /** This is the postbag process itself (not a test calling main): Ctrl-C exits it. */
  ownsProcess?: boolean;
}

export interface Output {
  write(text: string): unknown;
  /** A terminal: progress bars are drawn only there. */
  isTTY?: boolean;
}

export interface Command {
  help: string;
  /** Runs with the command's own arguments; returns the exit status. */
  run(args: string[], services: () => Services, io: CommandIo): Promise<number>;
  /** Refuses to run beside another process on the embedded database (rather than go through it). */
  alone?: boolean;
  /** Needs no database and no worker pools: only its own modules are loaded (deadline, check-file, learn). */
  offline?: boolean;
  /** Runs for days (serve): keeps V8's optimising compiler for the embedded database (see cli/quick-start.ts). */
  runsForDays?: boolean;
  /** Stops itself on SIGINT and SIGTERM (serve: finishing requests, closing the database); others just exit. */
  stopsOnSignals?: boolean;
}

/** Bad arguments: reported with the command's help, exit status 2. */
export class UsageError extends Error {}
