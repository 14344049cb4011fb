import { today } from "../campaigns/deadlines/iso-date.ts";
import type { LetterKind } from "../campaigns/queries/find-letter.ts";
import { recordSent } from "../campaigns/records/record-sent.ts";
import type { PrintPackOptions, PrintPackSummary } from "../post/print-pack.ts";
import { enqueueLetters, parseVia, type EnqueueDeps } from "./enqueue-letters.ts";

export interface SendByPostOptions {
  campaign: string;
  recipient?: string | undefined;
  out: string;
  dryRun: boolean;
  actor: string;
  /** First letters (the default), or the approved chasers. */
  kind?: LetterKind | undefined;
}

export interface SendByPostDeps extends EnqueueDeps {
  makePrintPack(options: PrintPackOptions): Promise<PrintPackSummary>;
}

/**
 * By post, Postbag's part is the print pack: it is made into `out`, and its
 * letters are recorded as sent by post today (a dry run only says which).
 */
export async function sendByPost(options: SendByPostOptions, deps: SendByPostDeps) {
  parseVia("post");
  if (options.dryRun) {
    // What would go: the approved letters, each as a would-be "queued" line.
    const preview = await enqueueLetters({ ...options, via: "notify", dryRun: true }, deps);
    return {
      campaign: options.campaign,
      via: "post" as const,
      dryRun: true,
      out: options.out,
      letters: preview.queued.map((letter) => letter.recipient),
    };
  }
  const pack = await deps.makePrintPack({
    campaign: options.campaign,
    recipient: options.recipient,
    out: options.out,
    kind: options.kind,
  });
  const sent = await recordSent(
    {
      campaign: options.campaign,
      recipient: options.recipient,
      on: today(),
      via: "post",
      actor: options.actor,
      kind: options.kind,
    },
    deps,
  );
  return {
    campaign: options.campaign,
    via: "post" as const,
    dryRun: false,
    out: options.out,
    pack,
    sent: sent.sent,
  };
}
