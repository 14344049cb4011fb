import { resolve } from "node:path";
import { output, parseCommandArgs, requireValue } from "./args.ts";
import { UsageError, type Command } from "./command.ts";

export const printPackCommand: Command = {
  help: `Usage: postbag print-pack <campaign> --out <dir> [--recipient <id>] [--postage first|second|economy] [--chasers] [--json]

Writes pack.pdf (every approved letter, in recipient order, each starting on an
odd page so duplex printing never puts two letters on one sheet) and manifest.csv
(recipient, name, first page, pages, sheets, postage class) into <dir>, all or
nothing. --recipient also reprints a letter already sent by post. Postage is
second class unless told. --chasers prints the approved chasers instead.`,
  async run(args, services, io) {
    const { values, positionals } = parseCommandArgs(args, {
      out: { type: "string" },
      recipient: { type: "string" },
      postage: { type: "string" },
      chasers: { type: "boolean", default: false },
    });
    if (positionals.length !== 1) throw new UsageError("give exactly one campaign id");
    const result = await services().makePrintPack({
      campaign: positionals[0] ?? "",
      recipient: values.recipient,
      postage: values.postage,
      out: resolve(requireValue(values.out, "--out <dir>")),
      kind: values.chasers ? "chaser" : "letter",
    });
    output(
      io,
      values.json,
      result,
      () =>
        `Wrote a print pack of ${result.letters} letters (${result.pages} pages, ${result.sheets} sheets, ` +
        `${result.postage} class) to ${result.out}`,
    );
    return 0;
  },
};
