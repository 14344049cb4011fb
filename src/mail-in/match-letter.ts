import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../store/database.ts";
import { letters, organisations, outboundMessages, recipients } from "../store/schema.ts";
import { tokenPattern } from "./classify-message.ts";
import type { ParsedMessage } from "./parse-message.ts";

// Which letter a message answers: (1) the reply token in the address it was
// sent to, (2) In-Reply-To / References against our letters' Message-IDs,
// (3) the sender's domain against the recipient's (their email address or
// their organisation's website), only when exactly one letter of an open
// campaign matches. Otherwise nobody can tell: it waits in the holding pen.

export type MatchedBy = "token" | "headers" | "domain" | "person";

export interface LetterMatch {
  /** The recipient's first letter (a reply to a chaser answers it too). */
  letterId: number;
  campaign: string;
  recipient: string;
  matchedBy: MatchedBy;
  /** The outbound messages it matched (none for a domain match). */
  outboundIds: number[];
}

/** Mailboxes anyone can have: their domain says nothing about the organisation. */
const PUBLIC_DOMAINS = new Set(
  "gmail.com googlemail.com outlook.com hotmail.com hotmail.co.uk live.com live.co.uk msn.com yahoo.com yahoo.co.uk icloud.com me.com aol.com btinternet.com proton.me protonmail.com gmx.com mail.com".split(
    " ",
  ),
);

export function tokensIn(message: ParsedMessage, replyDomain: string): string[] {
  const tokens = message.to.flatMap((address) =>
    [...address.matchAll(tokenPattern(replyDomain))].map((match) => match[1]!),
  );
  return [...new Set(tokens)];
}

export async function matchByOutbound(
  db: Db,
  by: { tokens: string[]; messageIds: string[] },
): Promise<LetterMatch | null> {
  if (by.tokens.length > 0) {
    const rows = await db
      .select({ id: outboundMessages.id, letterId: outboundMessages.letterId })
      .from(outboundMessages)
      .where(inArray(outboundMessages.replyToken, by.tokens));
    const match = await oneLetter(db, rows, "token");
    if (match) return match;
  }
  // Stored with or without angle brackets: look for both.
  const ids = by.messageIds.flatMap((id) => [id, id.replace(/^<|>$/g, "")]);
  if (ids.length > 0) {
    const rows = await db
      .select({ id: outboundMessages.id, letterId: outboundMessages.letterId })
      .from(outboundMessages)
      .where(inArray(outboundMessages.messageId, ids));
    return oneLetter(db, rows, "headers");
  }
  return null;
}

/** Every outbound letter sharing one recipient: a reply quoting a letter and its chaser is one match. */
async function oneLetter(
  db: Db,
  rows: { id: number; letterId: number }[],
  matchedBy: MatchedBy,
): Promise<LetterMatch | null> {
  if (rows.length === 0) return null;
  const found = await db
    .select({ recipientId: letters.recipientId })
    .from(letters)
    .where(
      inArray(
        letters.id,
        rows.map((row) => row.letterId),
      ),
    );
  const recipientIds = [...new Set(found.map((row) => row.recipientId))];
  if (recipientIds.length !== 1) return null;
  const first = await firstLetterOf(db, recipientIds[0]!);
  return first ? { ...first, matchedBy, outboundIds: rows.map((row) => row.id) } : null;
}

async function firstLetterOf(db: Db, recipientId: number) {
  const [row] = await db
    .select({ letterId: letters.id, campaign: letters.campaignId, recipient: recipients.key })
    .from(letters)
    .innerJoin(recipients, eq(recipients.id, letters.recipientId))
    .where(and(eq(letters.recipientId, recipientId), eq(letters.kind, "letter")));
  return row;
}

/** The sender's domain against every letter still waiting for (or receiving) replies. */
export async function matchByDomain(db: Db, fromAddress: string): Promise<LetterMatch | null> {
  const domain = domainOf(fromAddress);
  if (!domain) return null;
  const open = await db
    .select({
      letterId: letters.id,
      campaign: letters.campaignId,
      recipient: recipients.key,
      fields: recipients.fields,
      website: organisations.website,
    })
    .from(letters)
    .innerJoin(recipients, eq(recipients.id, letters.recipientId))
    .leftJoin(organisations, eq(organisations.id, recipients.organisationId))
    .where(and(eq(letters.kind, "letter"), inArray(letters.state, ["sent", "replied"])));
  const candidates = open.filter((row) => {
    const email = (row.fields.email ?? "").trim().toLowerCase();
    if (PUBLIC_DOMAINS.has(domain)) return email === fromAddress.toLowerCase();
    return domainOf(email) === domain || websiteDomain(row.website ?? row.fields.website ?? "") === domain;
  });
  if (candidates.length !== 1) return null;
  const [only] = candidates;
  return only
    ? {
        letterId: only.letterId,
        campaign: only.campaign,
        recipient: only.recipient,
        matchedBy: "domain",
        outboundIds: [],
      }
    : null;
}

function domainOf(address: string): string {
  const at = address.lastIndexOf("@");
  return at === -1
    ? ""
    : address
        .slice(at + 1)
        .trim()
        .toLowerCase();
}

/** "https://www.example.gov.uk/about" → "example.gov.uk". */
function websiteDomain(website: string): string {
  const host = website
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, "")
    .replace(/[/?#:].*$/, "");
  return host.replace(/^www\./, "");
}
