import type { Letter } from "../letters/model.ts";

// What the public may see of a campaign: built only by loadPublicCampaign,
// which leaves out everything not published, so pages, feeds, JSON, search
// and the static export all read the same filtered data.

export interface PublicCampaign {
  id: string;
  title: string;
  purpose: string;
  date: string;
  sender: { name: string; role: string };
  requests: { id: string; title: string }[];
  publishedAt: Date;
  letters: PublicLetter[];
  /** What every body said, once a person published the campaign's digest (see public-digest.ts). */
  digest: PublicDigest | null;
}

export interface PublicDigest {
  publishedAt: Date;
  questions: { id: string; question: string; kind: string }[];
  /** Each published letter's body, with the answers that passed the gate, by question id. */
  bodies: { recipient: string; organisation: string; answers: Record<string, PublicAnswer> }[];
}

export interface PublicAnswer {
  /** A person's value (yes, an amount, a date), when it is read from the quote itself; else null. */
  value: string | null;
  /** Words of a published document's public text, as they stand there. */
  quote: string;
  document: { id: number; name: string };
  page: number | null;
}

export interface PublicLetter {
  id: number;
  recipient: string;
  /** The person written to (a public office-holder) and their role. */
  name: string;
  title: string;
  organisation: string;
  sentOn: string | null;
  state: string;
  publishedAt: Date;
  /** The stored PDF of the version sent; null when the letter was sent before PDFs were kept. */
  pdfHash: string | null;
  content: Letter;
  items: { id: string; title: string; state: string; publicUrl: string | null }[];
  /** The day of the first published reply, if any. */
  repliedOn: string | null;
  replies: PublicReply[];
}

export interface PublicReply {
  id: number;
  receivedOn: string;
  channel: string;
  publishedAt: Date;
  documents: PublicDocument[];
}

export interface PublicDocument {
  id: number;
  /** body: the reply's own words; file: an attachment. */
  source: string;
  name: string;
  mediaType: string;
  hash: string;
  size: number;
  text: string;
  publishedAt: Date;
}
