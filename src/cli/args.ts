import { userInfo } from "node:os";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError, type CommandIo } from "./command.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Parses a command's arguments; a bad one is a usage error (exit status 2). */
export function parseCommandArgs<T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({
      args,
      options: { ...options, json: { type: "boolean", default: false } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function requireValue(value: string | undefined, name: string): string {
  if (value === undefined || value.trim() === "") throw new UsageError(`${name} is required`);
  return value;
}

/** Prints JSON with --json, otherwise the plain text. */
export function output(io: CommandIo, json: boolean, data: unknown, text: () => string): void {
  io.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${text()}\n`);
}

/** Who the audit log names for a change made from the command line. */
export function cliActor(by: string | undefined): string {
  return by ?? `cli:${userInfo().username}`;
}

export { today } from "../campaigns/deadlines/iso-date.ts";
