import type { Services } from "../services.ts";

export interface Command {
  help: string;
  /** Runs with the command's own arguments; returns the exit status. */
  run(args: string[], services: () => Services): Promise<number>;
  /** Refuses to run beside another process on the embedded database (rather than go through it). */
  alone?: boolean;
  /** Stops itself on SIGINT and SIGTERM (serve: finishing requests, closing the database); others just exit. */
  stopsOnSignals?: boolean;
}

/** Bad arguments: reported with the command's help, exit status 2. */
export class UsageError extends Error {}
