import type { ParsedMessage } from "./parse-message.ts";

// What a message is: a bounce (a delivery status notification), an
// auto-reply (out of office, "Automatic reply"), or a reply a person wrote.
// Bounces and auto-replies are never counted as replies.

export type MessageKind = "reply" | "auto-reply" | "bounce";

export interface Bounce {
  /** "5.1.1", or "" when the report gives none. */
  status: string;
  /** 5.x.x: the address will never work; 4.x.x: delivery was only delayed. */
  permanent: boolean;
  reason: string;
  /** The Message-IDs the report quotes (our letter's among them), "<id@host>". */
  messageIds: string[];
  /** Reply tokens of ours the report quotes (from the letter's Reply-To). */
  tokens: string[];
}

export interface Classified {
  kind: MessageKind;
  bounce?: Bounce;
}

const AUTO_SUBJECT =
  /^\s*(?:\[?(?:out of (?:the )?office|automatic reply|auto(?:matic)?[- ]?(?:reply|response)|autoreply|abwesenheitsnotiz|r[ée]ponse automatique|absence)\b)/i;

export function classifyMessage(message: ParsedMessage, raw: Buffer, replyDomain: string): Classified {
  const text = raw.toString("latin1");
  const body = text.slice(headerEnd(text));
  const isReport = message.contentType === "multipart/report" && message.reportType === "delivery-status";
  const fromDaemon =
    /^(mailer-daemon|postmaster)@/i.test(message.from.address) || message.from.address === "";
  const looksLikeDsn = /^Status:\s*[245]\.\d{1,3}\.\d{1,3}/im.test(body) || /^Action:\s*failed/im.test(body);
  if (
    isReport ||
    (fromDaemon && (looksLikeDsn || /undeliver|delivery (status|failure)/i.test(message.subject)))
  ) {
    return { kind: "bounce", bounce: readBounce(body, message, replyDomain) };
  }
  if (isAutoReply(message)) return { kind: "auto-reply" };
  return { kind: "reply" };
}

function isAutoReply(message: ParsedMessage): boolean {
  const autoSubmitted = message.header("auto-submitted").trim().toLowerCase();
  if (autoSubmitted !== "" && !autoSubmitted.startsWith("no")) return true;
  if (message.header("x-autoreply").trim() !== "" || message.header("x-autorespond").trim() !== "")
    return true;
  if (/^(auto_reply|bulk|junk)$/i.test(message.header("precedence").trim())) return true;
  return AUTO_SUBJECT.test(message.subject);
}

function readBounce(body: string, message: ParsedMessage, replyDomain: string): Bounce {
  const status =
    /^Status:\s*([245]\.\d{1,3}\.\d{1,3})/im.exec(body)?.[1] ??
    /\b[45]\d\d[ -]([45]\.\d{1,3}\.\d{1,3})\b/.exec(body)?.[1] ??
    "";
  const diagnostic = /^Diagnostic-Code:\s*(.*(?:\r?\n[ \t].*)*)/im.exec(body)?.[1];
  const reason = (diagnostic ?? (status ? `status ${status}` : message.subject)).replace(/\s+/g, " ").trim();
  const own = message.messageId;
  const messageIds = [...body.matchAll(/^Message-ID:\s*(<[^<>\s]+>)/gim)]
    .map((match) => match[1]!)
    .filter((id) => id !== own);
  const tokens = [...body.matchAll(tokenPattern(replyDomain))].map((match) => match[1]!);
  // Without a status a report from a mailer daemon is a failure (they say so when it is only a delay).
  const permanent = status ? status.startsWith("5") : !/delay/i.test(message.subject);
  return { status, permanent, reason, messageIds: [...new Set(messageIds)], tokens: [...new Set(tokens)] };
}

/** replies+<token>@<replyDomain>, any case. */
export function tokenPattern(replyDomain: string): RegExp {
  const domain = replyDomain.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`replies\\+([A-Za-z0-9_-]+)@${domain}\\b`, "gi");
}

function headerEnd(text: string): number {
  const match = /\r?\n\r?\n/.exec(text);
  return match ? match.index : text.length;
}
