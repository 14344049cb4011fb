import type { LetterDetail } from "../../../campaigns/queries/letter-detail.ts";
import type { LetterPublication } from "../../../publishing/review/letter-publication.ts";
import { documentPath, documentState } from "../documents/document-view.ts";

// The letter page's "Publication" section: the letter, each reply and each of
// its documents, with whether it is public and what stands in the way.

export function letterPublicationView(publication: LetterPublication, detail: LetterDetail) {
  const campaign = detail.campaign.id;
  const recipient = detail.recipient.key;
  let unchecked = false;
  const replies = publication.replies.map((reply) => {
    const source = detail.replies.find((candidate) => candidate.id === reply.id);
    // Documents are made on first check: the reply's text (when it has any) and each file.
    const expected = (source?.text.trim() ? 1 : 0) + (source?.files.length ?? 0);
    if (reply.documents.length < expected) unchecked = true;
    return {
      id: reply.id,
      receivedOn: reply.receivedOn,
      published: reply.published,
      documents: reply.documents.map((doc) => {
        if (doc.readiness.reason === "not checked yet") unchecked = true;
        return {
          id: doc.id,
          name: doc.name,
          href: documentPath(campaign, recipient, doc.id),
          state: documentState(doc),
        };
      }),
    };
  });
  return {
    campaignPublished: publication.campaignPublished,
    letterPublished: publication.letterPublished,
    letterSent: publication.letterSent,
    replies,
    unchecked,
  };
}
