import { cliActor, output, parseCommandArgs, requireValue } from "./args.ts";
import { UsageError, type Command } from "./command.ts";

export const migrateCommand: Command = {
  help: "Usage: postbag migrate [--json]\n\nApplies the database's pending migrations (all in one transaction).",
  async run(args, services, io) {
    const { values } = parseCommandArgs(args, {});
    const database = await services().database();
    output(
      io,
      values.json,
      { migrated: true, database: database.kind },
      () => `The ${database.kind} database is up to date`,
    );
    return 0;
  },
};

export const auditCommand: Command = {
  help: "Usage: postbag audit verify [--json]\n\nChecks the audit log's hash chain; exit status 1 if an entry was changed or deleted.",
  async run(args, services, io) {
    const { values, positionals } = parseCommandArgs(args, {});
    if (positionals[0] !== "verify" || positionals.length !== 1)
      throw new UsageError("the audit command is: postbag audit verify");
    const verdict = await services().verifyAudit();
    output(io, values.json, verdict, () =>
      verdict.ok
        ? `The audit log is intact: ${verdict.entries} entries`
        : `The audit log has been tampered with${verdict.problem?.id ? ` at entry ${verdict.problem.id}` : ""}: ${verdict.problem?.detail}`,
    );
    return verdict.ok ? 0 : 1;
  },
};

export const usersCommand: Command = {
  help: "Usage: postbag users add --email <email> --role admin|editor|approver|viewer [--password-stdin] [--json]",
  async run(args, services, io) {
    const { values, positionals } = parseCommandArgs(args, {
      email: { type: "string" },
      role: { type: "string" },
      "password-stdin": { type: "boolean", default: false },
      by: { type: "string" },
    });
    if (positionals[0] !== "add" || positionals.length !== 1)
      throw new UsageError("the users command is: postbag users add");
    const password = values["password-stdin"] ? (await io.readStdin()).replace(/\r?\n$/, "") : undefined;
    const user = await services().addUser({
      email: requireValue(values.email, "--email <email>"),
      role: requireValue(values.role, "--role <role>"),
      password,
      actor: cliActor(values.by),
    });
    output(io, values.json, user, () => `Added ${user.email} as ${user.role}`);
    return 0;
  },
};
