import type { CampaignStatus } from "../../../campaigns/records/campaign-status.ts";
import type { EnqueueResult } from "../../../mail-out/enqueue-letters.ts";

// What the confirmation page of letters selected on the board says: the
// letters the action will take, and those it leaves out with the reason.

export interface SelectedPlan {
  action: "approve" | "send";
  /** Recipients' ids the action takes, in board order. */
  taken: { recipient: string; name: string; detail: string }[];
  left: { recipient: string; name: string; reason: string }[];
  /** Why nothing can be done at all (email not set up); null when something can. */
  blocked: string | null;
}

export function approvalPlan(status: CampaignStatus, selected: string[]): SelectedPlan {
  const chosen = new Set(selected);
  const plan: SelectedPlan = { action: "approve", taken: [], left: [], blocked: null };
  for (const letter of status.letters.filter((row) => chosen.has(row.recipient))) {
    const row = { recipient: letter.recipient, name: letter.name };
    if (letter.state === "draft") plan.taken.push({ ...row, detail: letter.organisation ?? "" });
    else plan.left.push({ ...row, reason: `it is ${letter.state}, not a draft` });
  }
  return plan;
}

export function sendingPlan(
  dryRun: EnqueueResult | null,
  selected: string[],
  names: Map<string, string> = new Map(),
): SelectedPlan {
  const name = (recipient: string) => names.get(recipient) ?? recipient;
  if (!dryRun) {
    return {
      action: "send",
      taken: [],
      left: selected.map((recipient) => ({
        recipient,
        name: name(recipient),
        reason: "email is not set up here",
      })),
      blocked:
        "Email is not set up on this server (POSTBAG_SMTP_HOST): record the letters as sent instead, from each letter's page.",
    };
  }
  return {
    action: "send",
    taken: dryRun.queued.map(({ recipient, to }) => ({ recipient, name: name(recipient), detail: to })),
    left: dryRun.skipped.map(({ recipient, reason }) => ({ recipient, name: name(recipient), reason })),
    blocked: null,
  };
}
