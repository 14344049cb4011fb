import { ITEM_STATES } from "../../campaigns/states.ts";
import type { PublicCampaign, PublicLetter } from "../../publishing/public-model.ts";
import { replyCount } from "../../publishing/public-json.ts";
import { publicUrls } from "../../publishing/public-urls.ts";

// What the public pages show, worked out from the public model: pure
// functions, so each can be tested without a server or a database.

/** The office the site belongs to: configured, else the sender of the newest published campaign. */
export function officeName(configured: string | null, campaigns: PublicCampaign[]): string {
  if (configured) return configured;
  const newest = [...campaigns].sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime())[0];
  return newest?.sender.role || newest?.sender.name || "Postbag";
}

const STATE_WORDS: Record<string, string> = {
  requested: "Requested, not yet answered",
  received: "Received",
  declined: "Declined",
  "not-held": "Not held",
  public: "Already public",
};

/** An item's state in words. */
export function itemStateText(state: string): string {
  return STATE_WORDS[state] ?? state;
}

export const STATE_OPTIONS = ITEM_STATES.map((state) => ({ value: state, text: itemStateText(state) }));

/** 1234 → "1.2 KB". */
export function formatBytes(size: number): string {
  if (size < 1024) return `${size} ${size === 1 ? "byte" : "bytes"}`;
  const units = ["KB", "MB", "GB"];
  let value = size / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** A file's type in words, from its media type. */
export function fileKind(mediaType: string, name: string): string {
  const known: Record<string, string> = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document",
    "application/msword": "Word document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel spreadsheet",
    "application/vnd.ms-excel": "Excel spreadsheet",
    "text/csv": "CSV",
    "text/plain": "Text",
    "text/html": "HTML",
    "image/png": "PNG image",
    "image/jpeg": "JPEG image",
  };
  const type = mediaType.split(";")[0]?.trim().toLowerCase() ?? "";
  return known[type] ?? (/\.([a-z0-9]{1,8})$/i.exec(name)?.[1]?.toUpperCase() || type || "File");
}

/** A reply's text as paragraphs (split at blank lines; line breaks kept by the page's CSS). */
export function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/^\n+|\s+$/g, ""))
    .filter((paragraph) => paragraph.trim() !== "");
}

export function recipientLabel(letter: PublicLetter): string {
  return [letter.name, letter.title].filter(Boolean).join(", ") || letter.organisation;
}

export function homeView(campaigns: PublicCampaign[]) {
  return {
    campaigns: campaigns.map((campaign) => ({
      title: campaign.title,
      purpose: campaign.purpose,
      date: campaign.date,
      url: publicUrls.campaign(campaign.id),
      letters: campaign.letters.length,
      replies: replyCount(campaign),
    })),
  };
}

export function campaignView(campaign: PublicCampaign) {
  return {
    title: campaign.title,
    purpose: campaign.purpose,
    date: campaign.date,
    sender: campaign.sender,
    requests: campaign.requests,
    feed: publicUrls.campaignFeed(campaign.id),
    json: publicUrls.campaignJson(campaign.id),
    digest: campaign.digest ? publicUrls.digest(campaign.id) : null,
    replies: replyCount(campaign),
    letters: campaign.letters.map((letter) => ({
      url: publicUrls.letter(campaign.id, letter.recipient),
      name: letter.name,
      title: letter.title,
      organisation: letter.organisation,
      label: recipientLabel(letter),
      sentOn: letter.sentOn,
      repliedOn: letter.repliedOn,
      items: itemsView(letter),
    })),
  };
}

function itemsView(letter: PublicLetter) {
  return letter.items.map((item) => ({
    title: item.title,
    state: item.state,
    stateText: itemStateText(item.state),
    publicUrl: item.state === "public" && /^https?:\/\//i.test(item.publicUrl ?? "") ? item.publicUrl : null,
  }));
}

export function letterView(campaign: PublicCampaign, letter: PublicLetter) {
  return {
    campaign: { title: campaign.title, url: publicUrls.campaign(campaign.id) },
    label: recipientLabel(letter),
    name: letter.name,
    title: letter.title,
    organisation: letter.organisation,
    sentOn: letter.sentOn,
    repliedOn: letter.repliedOn,
    subject: letter.content.title,
    pdf: letter.pdfHash ? publicUrls.letterPdf(campaign.id, letter.recipient) : null,
    html: publicUrls.letterHtml(campaign.id, letter.recipient),
    json: publicUrls.letterJson(campaign.id, letter.recipient),
    items: itemsView(letter),
    replies: letter.replies.map((reply) => ({
      anchor: `reply-${reply.id}`,
      receivedOn: reply.receivedOn,
      channel: reply.channel,
      paragraphs: reply.documents
        .filter((document) => document.source === "body")
        .flatMap((document) => paragraphs(document.text)),
      files: reply.documents
        .filter((document) => document.source !== "body")
        .map((document) => ({
          name: document.name,
          kind: fileKind(document.mediaType, document.name),
          size: formatBytes(document.size),
          url: publicUrls.document(campaign.id, letter.recipient, document),
        })),
    })),
  };
}

export const PAGE_SIZE = 20;
export const MAX_QUERY = 200;

export interface SearchForm {
  q: string;
  campaign: string;
  body: string;
  state: string;
  page: number;
  /** Set when the query cannot be searched: the field and what to do. */
  error: { field: string; message: string } | null;
}

/** The search form's values from a query string; unknown filter values are dropped. */
export function searchForm(
  query: Record<string, unknown>,
  facets: { campaigns: string[]; bodies: string[] },
): SearchForm {
  const text = (name: string) => {
    const value = query[name];
    return typeof value === "string" ? value : Array.isArray(value) ? String(value[0] ?? "") : "";
  };
  const q = text("q").trim();
  const campaign = facets.campaigns.includes(text("campaign")) ? text("campaign") : "";
  const body = facets.bodies.includes(text("body")) ? text("body") : "";
  const state = (ITEM_STATES as readonly string[]).includes(text("state")) ? text("state") : "";
  const page = Math.max(1, Math.min(10_000, Number.parseInt(text("page"), 10) || 1));
  const error =
    q.length > MAX_QUERY
      ? { field: "q", message: `Search words must be ${MAX_QUERY} characters or fewer` }
      : null;
  return { q, campaign, body, state, page, error };
}

export function searchHref(form: SearchForm, page: number, path = publicUrls.search()): string {
  const params = new URLSearchParams();
  if (form.q) params.set("q", form.q);
  if (form.campaign) params.set("campaign", form.campaign);
  if (form.body) params.set("body", form.body);
  if (form.state) params.set("state", form.state);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** govukPagination's parameters, or null when there is one page. */
export function pagination(form: SearchForm, total: number) {
  const pages = Math.ceil(total / PAGE_SIZE);
  if (pages <= 1) return null;
  const current = Math.min(form.page, pages);
  const numbers = [...new Set([1, current - 1, current, current + 1, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  numbers.forEach((number, index) => {
    if (index > 0 && number - (numbers[index - 1] ?? number) > 1) items.push({ ellipsis: true });
    items.push({ number, href: searchHref(form, number), current: number === current });
  });
  return {
    items,
    ...(current > 1 ? { previous: { href: searchHref(form, current - 1) } } : {}),
    ...(current < pages ? { next: { href: searchHref(form, current + 1) } } : {}),
  };
}

const KIND_WORDS: Record<string, string> = {
  campaign: "Campaign",
  letter: "Letter",
  reply: "Reply",
  document: "Reply document",
};

export function kindText(kind: string): string {
  return KIND_WORDS[kind] ?? kind;
}
