import type { CampaignStatus } from "../../../campaigns/records/campaign-status.ts";
import { documentPath } from "../documents/document-view.ts";
import type { PublishingSlice } from "../../../publishing/publishing-slice.ts";

// The board's "Publishing" summary: whether the campaign is public, how much
// of it, and, just after a publish, the documents it left blocked with links
// to review each (their ids come back in the redirect's ?blocked=).

const MAX_BLOCKED = 200;

export async function boardPublication(
  services: PublishingSlice,
  status: CampaignStatus,
  query: Record<string, unknown>,
) {
  const counts = await services.campaignPublished({ campaign: status.campaign });
  return {
    ...counts,
    publicHref: `/campaigns/${encodeURIComponent(status.campaign)}/`,
    blocked: await blockedDocuments(services, status, blockedIds(query["blocked"])),
  };
}

function blockedIds(value: unknown): Set<number> {
  const text = typeof value === "string" ? value : "";
  return new Set(
    text
      .split(",")
      .filter((part) => /^\d{1,9}$/.test(part))
      .slice(0, MAX_BLOCKED)
      .map(Number),
  );
}

/** Each blocked document with its letter: only sent letters' replies can hold one. */
async function blockedDocuments(services: PublishingSlice, status: CampaignStatus, ids: Set<number>) {
  const found: { name: string; recipient: string; href: string; reason: string }[] = [];
  if (ids.size === 0) return found;
  for (const letter of status.letters.filter((row) => row.sent !== null)) {
    const publication = await services.letterPublication({
      campaign: status.campaign,
      recipient: letter.recipient,
    });
    for (const doc of publication.replies.flatMap((reply) => reply.documents)) {
      if (!ids.has(doc.id) || doc.published) continue;
      found.push({
        name: doc.name,
        recipient: letter.name,
        href: documentPath(status.campaign, letter.recipient, doc.id),
        reason: doc.readiness.ready ? "ready now" : doc.readiness.reason,
      });
    }
    if (found.length === ids.size) break;
  }
  return found;
}
