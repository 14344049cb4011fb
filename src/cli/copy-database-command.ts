import { output, parseCommandArgs, requireValue } from "./args.ts";
import { UsageError, type Command } from "./command.ts";

export const copyDatabaseCommand: Command = {
  alone: true,
  help: `Usage: postbag copy-database --to <postgres-url> [--files database] [--json]

Copies the embedded database (in --data or POSTBAG_DATA) into a new, empty
PostgreSQL database: every table, the audit log (verified there afterwards).
With --files database, the stored files (letters, replies, public copies) are
copied into it too: then run with POSTBAG_FILE_STORE=database. Without it they
stay in the data folder, which the servers must keep using. Nothing else may
have the data folder open meanwhile: stop postbag serve first.`,
  async run(args, services, io) {
    const { values } = parseCommandArgs(args, { to: { type: "string" }, files: { type: "string" } });
    const files = values.files ?? "folder";
    if (files !== "folder" && files !== "database") throw new UsageError("--files is database or folder");
    const result = await services().copyDatabaseTo({
      to: requireValue(values.to, "--to <postgres-url>"),
      files,
      onProgress: values.json ? undefined : (line) => io.stderr.write(`${line}\n`),
    });
    const rows = result.tables.reduce((sum, table) => sum + table.rows, 0);
    output(io, values.json, result, () =>
      [
        `Copied ${rows} rows in ${result.tables.length} tables${result.files ? ` and ${result.files} stored files` : ""}.`,
        result.audit.ok
          ? `The audit log there is intact: ${result.audit.entries} entries.`
          : `The audit log there does not verify: ${result.audit.problem?.detail}`,
        "Now run: DATABASE_URL=<that url> postbag serve",
      ].join("\n"),
    );
    return result.audit.ok ? 0 : 1;
  },
};
