import type { AuditTrailEntry } from "../../../campaigns/queries/audit-trail.ts";
import type { ChaserSummary } from "../../../campaigns/queries/list-chasers.ts";
import type { CampaignStatus } from "../../../campaigns/records/campaign-status.ts";
import { stateTag } from "../campaigns/board-view.ts";
import { dateTime } from "../letters/audit-view.ts";
import { letterPath } from "../paths.ts";
import { letterEntityId } from "../../../campaigns/records/find-letters.ts";

// The chasers page: the letters overdue today, each saying whether it has a
// chaser already, and every chaser of the campaign with its state.

export function chasersView(status: CampaignStatus, chasers: ChaserSummary[]) {
  const chased = new Set(chasers.map((chaser) => chaser.recipient));
  return {
    overdue: status.letters
      .filter((letter) => letter.overdue)
      .map((letter) => ({
        name: letter.name,
        href: letterPath(status.campaign, letter.recipient),
        sent: letter.sent,
        due: letter.due,
        overdue: letter.veryOverdue ? "Very overdue" : "Overdue",
        chased: chased.has(letter.recipient),
      })),
    chasers: chasers.map((chaser) => ({
      name: chaser.name,
      href: letterPath(status.campaign, chaser.recipient, "chaser"),
      tag: stateTag(chaser.state),
      createdAt: dateTime(chaser.createdAt),
      chasesSentOn: chaser.chases.sentOn,
    })),
  };
}

/** A chaser's own entries in its letter's audit trail (chase-letters and approval name it so). */
export function chaserAudit(entries: AuditTrailEntry[], campaign: string, recipient: string, id: number) {
  const entityId = letterEntityId(campaign, recipient, { kind: "chaser", id });
  return entries.filter((entry) => entry.entity === "letter" && entry.entityId === entityId);
}
