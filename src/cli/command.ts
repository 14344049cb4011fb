import type { Services } from "../services.ts";

export interface Command {
  help: string;
  /** Runs with the command's own arguments; returns the exit status. */
  run(args: string[], services: () => Services): Promise<number>;
}

/** Bad arguments: reported with the command's help, exit status 2. */
export class UsageError extends Error {}
