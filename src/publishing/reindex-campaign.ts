import { eq } from "drizzle-orm";
import { renderTxt } from "../letters/render/txt.ts";
import type { Tx } from "../store/database.ts";
import { searchEntries } from "../store/schema.ts";
import { loadPublicCampaign } from "./load-public-campaign.ts";
import { publicUrls } from "./public-urls.ts";

// The search index holds only what is public: it is rebuilt for a campaign,
// from loadPublicCampaign, in the same transaction as every change to what is
// public there (publish, unpublish, a redaction, a resolved finding).

export async function reindexCampaign(tx: Tx, campaignId: string): Promise<number> {
  await tx.delete(searchEntries).where(eq(searchEntries.campaignId, campaignId));
  const campaign = await loadPublicCampaign(tx, campaignId);
  if (!campaign) return 0;
  const rows: (typeof searchEntries.$inferInsert)[] = [
    {
      campaignId,
      kind: "campaign",
      url: publicUrls.campaign(campaignId),
      title: campaign.title,
      body: [campaign.purpose, ...campaign.requests.map((request) => request.title)].join("\n"),
      on: campaign.date,
    },
  ];
  for (const letter of campaign.letters) {
    const letterUrl = publicUrls.letter(campaignId, letter.recipient);
    rows.push({
      campaignId,
      kind: "letter",
      url: letterUrl,
      title: `Letter to ${letter.title || letter.name}`,
      body: renderTxt(letter.content),
      organisation: letter.organisation,
      letterId: letter.id,
      on: letter.sentOn,
    });
    for (const reply of letter.replies) {
      for (const document of reply.documents) {
        rows.push({
          campaignId,
          kind: document.source === "body" ? "reply" : "document",
          url:
            document.source === "body"
              ? letterUrl
              : publicUrls.document(campaignId, letter.recipient, document),
          title:
            document.source === "body"
              ? `Reply from ${letter.organisation}`
              : `${document.name} (${letter.organisation})`,
          body: document.text,
          organisation: letter.organisation,
          letterId: letter.id,
          on: reply.receivedOn,
        });
      }
    }
  }
  // In slices: a campaign of thousands of letters is one statement per 200 rows, not one huge one.
  for (let start = 0; start < rows.length; start += 200) {
    await tx.insert(searchEntries).values(rows.slice(start, start + 200));
  }
  return rows.length;
}
