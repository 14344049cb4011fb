import { renderTxt } from "../letters/render/txt.ts";
import type {
  PublicCampaign,
  PublicDigest,
  PublicDocument,
  PublicLetter,
  PublicReply,
} from "./public-model.ts";
import { publicUrls } from "./public-urls.ts";

// The public site's data as JSON: the same things the pages show, built only
// from the public model. No internal ids beyond those the URLs show, no file
// hashes, no addresses of whoever sent a reply.

export interface OfficeJson {
  name: string;
}

export function homeJson(office: OfficeJson, campaigns: PublicCampaign[]) {
  return {
    office: office.name,
    url: publicUrls.home(),
    feed: publicUrls.feed(),
    search: publicUrls.search(),
    campaigns: campaigns.map((campaign) => ({
      id: campaign.id,
      title: campaign.title,
      purpose: campaign.purpose,
      date: campaign.date,
      publishedAt: campaign.publishedAt.toISOString(),
      url: publicUrls.campaign(campaign.id),
      json: publicUrls.campaignJson(campaign.id),
      feed: publicUrls.campaignFeed(campaign.id),
      letters: campaign.letters.length,
      replies: replyCount(campaign),
    })),
  };
}

export function campaignJson(campaign: PublicCampaign) {
  return {
    id: campaign.id,
    title: campaign.title,
    purpose: campaign.purpose,
    date: campaign.date,
    sender: { name: campaign.sender.name, role: campaign.sender.role },
    requests: campaign.requests.map((request) => ({ id: request.id, title: request.title })),
    publishedAt: campaign.publishedAt.toISOString(),
    url: publicUrls.campaign(campaign.id),
    feed: publicUrls.campaignFeed(campaign.id),
    digest: campaign.digest ? publicUrls.digestJson(campaign.id) : null,
    letters: campaign.letters.map((letter) => ({
      ...letterSummary(letter),
      url: publicUrls.letter(campaign.id, letter.recipient),
      json: publicUrls.letterJson(campaign.id, letter.recipient),
    })),
  };
}

/** The public digest: each question, and each body's answer that passed the gate, with its quote's document. */
export function digestJson(campaign: PublicCampaign, digest: PublicDigest) {
  return {
    campaign: { id: campaign.id, title: campaign.title, url: publicUrls.campaign(campaign.id) },
    url: publicUrls.digest(campaign.id),
    publishedAt: digest.publishedAt.toISOString(),
    questions: digest.questions,
    bodies: digest.bodies.map((body) => ({
      recipient: body.recipient,
      organisation: body.organisation,
      letter: publicUrls.letter(campaign.id, body.recipient),
      answers: Object.fromEntries(
        Object.entries(body.answers).map(([question, answer]) => [
          question,
          {
            value: answer.value,
            quote: answer.quote,
            page: answer.page,
            document: {
              name: answer.document.name,
              url: publicUrls.document(campaign.id, body.recipient, answer.document),
            },
          },
        ]),
      ),
    })),
  };
}

export function letterJson(campaign: PublicCampaign, letter: PublicLetter) {
  return {
    campaign: { id: campaign.id, title: campaign.title, url: publicUrls.campaign(campaign.id) },
    ...letterSummary(letter),
    url: publicUrls.letter(campaign.id, letter.recipient),
    pdf: letter.pdfHash ? publicUrls.letterPdf(campaign.id, letter.recipient) : null,
    html: publicUrls.letterHtml(campaign.id, letter.recipient),
    subject: letter.content.title,
    replies: letter.replies.map((reply) => replyJson(campaign, letter, reply)),
  };
}

function letterSummary(letter: PublicLetter) {
  return {
    recipient: letter.recipient,
    name: letter.name,
    title: letter.title,
    organisation: letter.organisation,
    sentOn: letter.sentOn,
    repliedOn: letter.repliedOn,
    publishedAt: letter.publishedAt.toISOString(),
    items: letter.items.map((item) => ({
      id: item.id,
      title: item.title,
      state: item.state,
      publicUrl: item.publicUrl,
    })),
  };
}

function replyJson(campaign: PublicCampaign, letter: PublicLetter, reply: PublicReply) {
  const body = reply.documents.find((document) => document.source === "body");
  return {
    receivedOn: reply.receivedOn,
    channel: reply.channel,
    publishedAt: reply.publishedAt.toISOString(),
    text: body ? body.text : null,
    files: reply.documents
      .filter((document) => document.source !== "body")
      .map((document) => fileJson(campaign, letter, document)),
  };
}

function fileJson(campaign: PublicCampaign, letter: PublicLetter, document: PublicDocument) {
  return {
    name: document.name,
    mediaType: document.mediaType,
    size: document.size,
    url: publicUrls.document(campaign.id, letter.recipient, document),
  };
}

export function replyCount(campaign: PublicCampaign): number {
  return campaign.letters.reduce((sum, letter) => sum + letter.replies.length, 0);
}

/** One entry of the static site's search index (what the browser searches). */
export interface SearchIndexEntry {
  kind: "campaign" | "letter" | "reply" | "document";
  url: string;
  title: string;
  campaign: string;
  campaignTitle: string;
  organisation: string;
  on: string | null;
  /** States of the letter's requested items, for the state filter. */
  states: string[];
  text: string;
}

/** Everything public, as the static site's search page searches it (the same entries as the server's index). */
export function searchIndexOf(campaigns: PublicCampaign[]) {
  const entries: SearchIndexEntry[] = [];
  for (const campaign of campaigns) {
    const base = { campaign: campaign.id, campaignTitle: campaign.title };
    entries.push({
      ...base,
      kind: "campaign",
      url: publicUrls.campaign(campaign.id),
      title: campaign.title,
      organisation: "",
      on: campaign.date,
      states: [],
      text: [campaign.purpose, ...campaign.requests.map((request) => request.title)].join("\n"),
    });
    for (const letter of campaign.letters) {
      const letterUrl = publicUrls.letter(campaign.id, letter.recipient);
      const states = [...new Set(letter.items.map((item) => item.state))];
      const about = { ...base, organisation: letter.organisation, states };
      entries.push({
        ...about,
        kind: "letter",
        url: letterUrl,
        title: `Letter to ${letter.title || letter.name}`,
        on: letter.sentOn,
        text: renderTxt(letter.content),
      });
      for (const reply of letter.replies) {
        for (const document of reply.documents) {
          const body = document.source === "body";
          entries.push({
            ...about,
            kind: body ? "reply" : "document",
            url: body ? letterUrl : publicUrls.document(campaign.id, letter.recipient, document),
            title: body ? `Reply from ${letter.organisation}` : `${document.name} (${letter.organisation})`,
            on: reply.receivedOn,
            text: document.text,
          });
        }
      }
    }
  }
  return {
    campaigns: campaigns.map((campaign) => ({ id: campaign.id, title: campaign.title })),
    bodies: [...new Set(entries.map((entry) => entry.organisation).filter(Boolean))].sort(),
    entries,
  };
}
