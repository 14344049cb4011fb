import type { PublicCampaign, PublicDigest } from "./public-model.ts";
import { publicUrls } from "./public-urls.ts";

// An Atom feed (RFC 4287) of what is public: an entry for each published
// letter, each published reply and a published digest. Pure: the same
// campaigns and base URL always make the same bytes. Ids are absolute URLs
// on the public site.

export interface AtomFeedOptions {
  /** The feed's title: the office's name, or a campaign's title. */
  title: string;
  /** The office, as the feed's author. */
  author: string;
  campaigns: PublicCampaign[];
  /** Where the public site is reached, without a trailing slash: https://letters.example.org */
  baseUrl: string;
  /** The feed's own path (/feed.atom) and the page it stands for (/). */
  selfPath: string;
  pagePath: string;
}

interface Entry {
  id: string;
  title: string;
  link: string;
  updated: Date;
  published: string | null;
  summary: string;
}

export function atomFeed(options: AtomFeedOptions): string {
  const base = options.baseUrl.replace(/\/+$/, "");
  const entries = options.campaigns.flatMap((campaign) => entriesOf(campaign, base));
  entries.sort((a, b) => b.updated.getTime() - a.updated.getTime() || a.id.localeCompare(b.id));
  const newest = [
    ...entries.map((entry) => entry.updated),
    ...options.campaigns.map((campaign) => campaign.publishedAt),
  ].reduce<Date | null>((latest, date) => (!latest || date > latest ? date : latest), null);
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom">`,
    `  <id>${xml(base + options.selfPath)}</id>`,
    `  <title>${xml(options.title)}</title>`,
    `  <updated>${(newest ?? new Date(0)).toISOString()}</updated>`,
    `  <author><name>${xml(options.author)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(base + options.selfPath)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(base + options.pagePath)}"/>`,
    ...entries.map(
      (entry) => `  <entry>
    <id>${xml(entry.id)}</id>
    <title>${xml(entry.title)}</title>
    <link rel="alternate" type="text/html" href="${xml(entry.link)}"/>
    <updated>${entry.updated.toISOString()}</updated>
${entry.published ? `    <published>${xml(dayOf(entry.published))}</published>\n` : ""}    <summary>${xml(entry.summary)}</summary>
  </entry>`,
    ),
    `</feed>`,
  ];
  return `${lines.join("\n")}\n`;
}

function entriesOf(campaign: PublicCampaign, base: string): Entry[] {
  const entries: Entry[] = [];
  for (const letter of campaign.letters) {
    const link = base + publicUrls.letter(campaign.id, letter.recipient);
    const to = [letter.name, letter.title].filter(Boolean).join(", ") || letter.organisation;
    entries.push({
      id: link,
      title: `Letter to ${to}`,
      link,
      updated: letter.publishedAt,
      published: letter.sentOn,
      summary: `${campaign.title}: the letter of ${letter.sentOn ?? campaign.date} to ${to}.`,
    });
    for (const reply of letter.replies) {
      const from = letter.organisation || letter.title || letter.name;
      const files = reply.documents.filter((document) => document.source !== "body").length;
      entries.push({
        id: `${link}#reply-${reply.id}`,
        title: `Reply from ${from}`,
        link: `${link}#reply-${reply.id}`,
        updated: reply.publishedAt,
        published: reply.receivedOn,
        summary: `${campaign.title}: the reply of ${reply.receivedOn} from ${from}${
          files > 0 ? `, with ${files} ${files === 1 ? "file" : "files"}` : ""
        }.`,
      });
    }
  }
  if (campaign.digest) entries.push(digestEntry(campaign, campaign.digest, base));
  return entries;
}

function digestEntry(campaign: PublicCampaign, digest: PublicDigest, base: string): Entry {
  const link = base + publicUrls.digest(campaign.id);
  const answers = digest.bodies.reduce((sum, body) => sum + Object.keys(body.answers).length, 0);
  return {
    id: link,
    title: `What every body said: ${campaign.title}`,
    link,
    updated: digest.publishedAt,
    published: null,
    summary: `${campaign.title}: ${answers} ${answers === 1 ? "answer" : "answers"} to ${digest.questions.length} questions, each quoting a published reply.`,
  };
}

/** "2020-11-02" → an Atom date-time at the start of that day (UTC). */
function dayOf(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00Z` : date;
}

// XML 1.0 cannot hold most control characters, even escaped.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function xml(value: string): string {
  return value.replace(NOT_XML, "").replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch] ?? ch);
}

const XML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};
