import { describeChange } from "../publishing/describe-change.ts";
import { exportStaticSite } from "../publishing/static-export.ts";
import type { PublicationChange } from "../publishing/set-publication.ts";
import type { PublicationTarget } from "../publishing/publication-target.ts";
import type { Services } from "../services.ts";
import { cliActor, output, parseCommandArgs } from "./args.ts";
import { UsageError, type Command, type CommandIo } from "./command.ts";
import { progressBar } from "./progress.ts";

const PUBLISH_HELP = `Usage: postbag publish <campaign> [--recipient <id> | --digest] [--by <email>] [--json]
       postbag publish --static <dir> [--json]

Publishes a campaign: its page, every sent letter, every reply and every reply
document that passed the publication checks (the others are listed, blocked,
until a person resolves their findings on the letter's page). With
--recipient, publishes that one letter (and its campaign page). With --digest,
publishes the campaign's digest (postbag digest): only accepted answers whose
quote stands in a published document of the same body are shown.

--static <dir> writes the public site as plain files (pages, PDFs, feeds, a
search index for client-side search) that any web server can serve. Only what
is published goes into it.`;

const UNPUBLISH_HELP = `Usage: postbag unpublish <campaign> [--recipient <id> | --digest] [--by <email>] [--json]

Takes a campaign (or one letter, with its replies and documents, or the
campaign's digest) off the public site at once.`;

export const publishCommand: Command = {
  help: PUBLISH_HELP,
  async run(args, services, io) {
    const { values, positionals } = parseCommandArgs(args, {
      recipient: { type: "string" },
      digest: { type: "boolean", default: false },
      by: { type: "string" },
      static: { type: "string" },
    });
    if (values.static !== undefined) {
      if (positionals.length > 0 || values.recipient || values.digest) {
        throw new UsageError("--static <dir> exports the whole public site: give no campaign or --recipient");
      }
      return exportStatic(values.static, values.json, services(), io);
    }
    const target = targetOf(positionals, values.recipient, values.digest);
    const progress = progressBar("Checking documents", io.stderr);
    const change = await services().setPublication({
      target,
      published: true,
      actor: cliActor(values.by),
      onProgress: (done, total) => progress.update(done, total),
    });
    progress.end();
    output(io, values.json, change, () => describe(change, "Published"));
    return 0;
  },
};

export const unpublishCommand: Command = {
  help: UNPUBLISH_HELP,
  async run(args, services, io) {
    const { values, positionals } = parseCommandArgs(args, {
      recipient: { type: "string" },
      digest: { type: "boolean", default: false },
      by: { type: "string" },
    });
    const change = await services().setPublication({
      target: targetOf(positionals, values.recipient, values.digest),
      published: false,
      actor: cliActor(values.by),
    });
    output(io, values.json, change, () => describe(change, "Unpublished"));
    return 0;
  },
};

function targetOf(positionals: string[], recipient: string | undefined, digest: boolean): PublicationTarget {
  if (positionals.length !== 1) throw new UsageError("give exactly one campaign id");
  if (recipient && digest) throw new UsageError("choose --recipient or --digest, not both");
  const campaign = positionals[0] ?? "";
  if (digest) return { entity: "digest", campaign };
  return recipient ? { entity: "letter", campaign, recipient } : { entity: "campaign", campaign };
}

function describe(change: PublicationChange, verb: string): string {
  const list = verb === "Published" ? change.published : change.unpublished;
  const lines = [
    list.length
      ? `${verb} in ${change.campaign}: ${describeChange(change)}`
      : `Nothing to change in ${change.campaign}`,
  ];
  for (const blocked of change.blocked) {
    lines.push(`  blocked: document ${blocked.document} (${blocked.reason}): review it on the letter's page`);
  }
  for (const withheld of change.withheld) {
    lines.push(
      `  left off: ${withheld.entity} ${withheld.id} was unpublished on its own; publish it to put it back`,
    );
  }
  return lines.join("\n");
}

async function exportStatic(dir: string, json: boolean, services: Services, io: CommandIo) {
  // The web app renders the public pages; only this command needs it.
  const { buildWebApp } = await import("../web/app.ts");
  const app = await buildWebApp(services);
  const progress = progressBar("Writing the public site", io.stderr);
  try {
    const result = await exportStaticSite({
      app,
      services,
      dir,
      onProgress: (done, total) => progress.update(done, total),
    });
    progress.end();
    output(io, json, result, () => `Wrote the public site to ${dir}`);
    return 0;
  } finally {
    await app.close();
  }
}
