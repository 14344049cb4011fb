import { BOUNCE_SUBJECT, BOUNCE_TEXT, DELAY_TEXT, FINAL_TEXT } from "./bounce-wording.ts";
import type { ParsedMessage } from "./parse-message.ts";

// What a message is: a bounce (a delivery failed, or is only delayed), an
// auto-reply (out of office, "Automatic reply"), a report that is neither (a
// delivery succeeded, a spam complaint), or a reply a person wrote. Read from
// the decoded MIME parts first (message/delivery-status, the returned
// message), then the standard headers, then the wordings of the common mail
// servers. Only a message with no sign of a machine is a reply.

export type MessageKind = "reply" | "auto-reply" | "bounce" | "report";

export interface Bounce {
  /** "5.1.1", or "" when the report gives none. */
  status: string;
  /** The server gave up: the address does not work. False for a warning that delivery is only delayed. */
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
  /^\s*(?:\[?(?:out of (?:the )?office|automatic reply|auto(?:matic)?[- ]?(?:reply|response|antwort)|autoreply|abwesenheitsnotiz|r[ée]ponse automatique|absence|away from (?:the|my) office)\b)/i;
const DAEMON =
  /^(?:mailer-daemon|mail-daemon|mailerdaemon|postmaster|mail\.?delivery|bounces?|mdaemon|nobody|double-bounce|owner-[^@]+|[^@]+-(?:admin|owner|request|bounces))@/i;
const DAEMON_NAME =
  /mail delivery (?:sub)?system|mailer-daemon|postmaster|mail administrator|delivery status notification|microsoft outlook|mail system/i;
const STATUS = /^Status:\s*([245]\.\d{1,3}\.\d{1,3})/gim;
const ACTION = /^Action:\s*([a-z-]+)/gim;

export function classifyMessage(message: ParsedMessage, raw: Buffer, replyDomain: string): Classified {
  const text = raw.toString("latin1");
  const body = text.slice(headerEnd(text));
  const report = deliveryReport(message, body);
  if (report !== null) {
    const actions = [...report.matchAll(ACTION)].map((match) => match[1]!.toLowerCase());
    const succeeded =
      actions.length > 0 &&
      actions.every((action) => /^(delivered|relayed|expanded|deliverable)$/.test(action));
    if (succeeded) return { kind: "report" };
    return { kind: "bounce", bounce: readBounce(report, actions, message, body, replyDomain) };
  }
  // A spam complaint, or a mail service's notification to its own account holder (Amazon SES through SNS).
  if (message.feedbackReport || message.header("x-amz-sns-message-id") !== "") return { kind: "report" };
  if (looksLikeBounce(message, body)) {
    // No report part: its fields, when the notice gives them, are in the text.
    const actions = [...message.text.matchAll(ACTION)].map((match) => match[1]!.toLowerCase());
    return { kind: "bounce", bounce: readBounce(message.text, actions, message, body, replyDomain) };
  }
  if (isAutoReply(message)) return { kind: "auto-reply" };
  return { kind: "reply" };
}

/** The machine-readable report, decoded from its part; or, in a report whose part is missing, its fields in the body. */
function deliveryReport(message: ParsedMessage, body: string): string | null {
  if (message.deliveryStatus.trim() !== "") return message.deliveryStatus;
  const isReport = message.contentType === "multipart/report" && message.reportType === "delivery-status";
  if (isReport) return body;
  // A report part without a disposition is read as text (mailparser): its fields, from a server, still count.
  const fields =
    /^Action:\s*[a-z]+/im.test(message.text) &&
    /^(?:(?:Final|Original)-Recipient|Status):/im.test(message.text);
  return fields && fromMachine(message) ? message.text : null;
}

/** Sent by a mail server (or with no return address, as RFC 5321 asks of every notice). */
function fromMachine(message: ParsedMessage): boolean {
  const returnPath = message.header("return-path").trim();
  return (
    message.from.address === "" ||
    DAEMON.test(message.from.address) ||
    DAEMON_NAME.test(message.from.text) ||
    returnPath === "<>" ||
    returnPath === ""
  );
}

function looksLikeBounce(message: ParsedMessage, body: string): boolean {
  const wording =
    BOUNCE_SUBJECT.test(message.subject) || BOUNCE_TEXT.test(message.text) || BOUNCE_TEXT.test(body);
  if (!wording) return false;
  // A server's notice, or one titled as only a failure is. A person's reply may
  // carry a message and mention an error; it takes a server's sender or title.
  return fromMachine(message) || BOUNCE_SUBJECT.test(message.subject);
}

function isAutoReply(message: ParsedMessage): boolean {
  const autoSubmitted = message.header("auto-submitted").trim().toLowerCase();
  if (autoSubmitted !== "" && !autoSubmitted.startsWith("no")) return true;
  for (const name of ["x-autoreply", "x-autorespond", "x-autoreply-from", "x-mail-autoreply"]) {
    if (message.header(name).trim() !== "") return true;
  }
  // Exchange's out-of-office: both of its headers. Either alone is also on ordinary mail
  // (an inbox rule that forwards a person's reply adds the loop header), as Zammad found.
  const suppress = /\ball\b/i.test(message.header("x-auto-response-suppress"));
  if (suppress && message.header("x-ms-exchange-inbox-rules-loop").trim() !== "") return true;
  if (/^(auto_reply|auto-reply|bulk|junk)$/i.test(message.header("precedence").trim())) return true;
  if (message.header("return-path").trim() === "<>") return true;
  return AUTO_SUBJECT.test(message.subject);
}

function readBounce(
  report: string,
  actions: string[],
  message: ParsedMessage,
  body: string,
  replyDomain: string,
): Bounce {
  const words = `${message.subject}\n${message.text}`;
  // Several recipients: a failure's status before a delay's.
  const statuses = [...report.matchAll(STATUS)].map((match) => match[1]!);
  const status =
    statuses.find((code) => code.startsWith("5")) ??
    statuses[0] ??
    /\b[45]\d\d[ -]#?([45]\.\d{1,3}\.\d{1,3})\b/.exec(words)?.[1] ??
    /\(#([45]\.\d{1,3}\.\d{1,3})\)/.exec(words)?.[1] ??
    "";
  const diagnostic = /^Diagnostic-Code:\s*(.*(?:\r?\n[ \t].*)*)/im.exec(report)?.[1];
  const reason = (diagnostic ?? (status ? `status ${status}` : message.subject)).replace(/\s+/g, " ").trim();
  const quoted = `${message.returned}\n${body}`;
  const own = message.messageId;
  const messageIds = [...quoted.matchAll(/^Message-ID:\s*(<[^<>\s]+>)/gim)]
    .map((match) => match[1]!)
    .filter((id) => id !== own);
  const tokens = [...quoted.matchAll(tokenPattern(replyDomain))].map((match) => match[1]!);
  return {
    status,
    permanent: isFinal(actions, status, words),
    reason,
    messageIds: [...new Set(messageIds)],
    tokens: [...new Set(tokens)],
  };
}

/**
 * Whether the server has given up. A report says so (Action: failed, or only
 * delayed); otherwise a 5.x.x status is final, and a notice without one is
 * final unless it reads as a warning (Postfix's "Undelivered Mail Returned to
 * Sender" after a 4.x.x expiry is final: it says it could not deliver).
 */
function isFinal(actions: string[], status: string, words: string): boolean {
  if (actions.includes("failed")) return true;
  if (actions.includes("delayed")) return false;
  if (status.startsWith("5")) return true;
  return !(DELAY_TEXT.test(words) && !FINAL_TEXT.test(words));
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
