import type { AuditTrailEntry } from "../../../campaigns/queries/audit-trail.ts";
import type { LetterDetail } from "../../../campaigns/queries/letter-detail.ts";
import { stateTag } from "../campaigns/board-view.ts";
import { recipientName } from "../../../campaigns/recipient-name.ts";
import { campaignPath, letterPath } from "../paths.ts";
import { auditRows, dateTime } from "./audit-view.ts";

// What a letter's page (and a chaser's) shows, worked out from the letter's
// detail so the template only lays it out.

const enc = encodeURIComponent;

/** What may happen next to a letter in this state (the use cases check again). */
export function nextSteps(state: string) {
  return {
    approve: state === "draft",
    send: state === "approved" || state === "returned",
    reply: state === "sent" || state === "replied",
    withdraw: ["draft", "approved", "sent", "returned"].includes(state),
  };
}

const SEND_STATES: Record<string, string> = {
  queued: "Queued",
  sending: "Sending",
  sent: "Sent",
  failed: "Not sent",
  returned: "Returned undelivered",
};

/** Whether "Send by email" can work for this letter here, and if not, why not (shown instead of the button). */
function emailing(detail: LetterDetail, emailSetUp: boolean): { can: boolean; why: string } {
  if (!emailSetUp) {
    return {
      can: false,
      why: "Email is not set up on this server (POSTBAG_SMTP_HOST): record the letter as sent instead.",
    };
  }
  if (!(detail.recipient.fields.email ?? "").trim()) {
    return { can: false, why: "This recipient has no email address: record the letter as sent instead." };
  }
  if (detail.sends.some((send) => send.state === "queued" || send.state === "sending")) {
    return { can: false, why: "The letter is on its way by email." };
  }
  return { can: true, why: "" };
}

export function letterView(detail: LetterDetail, audit: AuditTrailEntry[], { emailSetUp = false } = {}) {
  const { letter, recipient, campaign } = detail;
  const last = detail.sends.at(-1);
  const base = letterPath(campaign.id, recipient.key, letter.kind);
  const titles = new Map(detail.items.map((item) => [item.id, item.title]));
  return {
    name: recipientName(recipient),
    what: letter.kind === "chaser" ? "chaser" : "letter",
    base,
    campaignHref: campaignPath(campaign.id),
    state: stateTag(letter.state),
    overdue: letter.veryOverdue ? "Very overdue" : letter.overdue ? "Overdue" : "",
    next: nextSteps(letter.state),
    email: emailing(detail, emailSetUp),
    sends: detail.sends.map((send) => ({
      channel: send.channel === "notify" ? "GOV.UK Notify" : "Email",
      to: send.to,
      state: SEND_STATES[send.state] ?? send.state,
      when: dateTime(send.sentAt ?? send.queuedAt),
      reason: send.reason ?? "",
    })),
    // The last send's failure, while the letter is still to be sent: the reason, at the top of the page.
    sendProblem:
      last && (last.state === "failed" || last.state === "returned") && nextSteps(letter.state).send
        ? {
            title: last.state === "failed" ? "The letter was not sent" : "The letter came back undelivered",
            reason: last.reason ?? "",
          }
        : null,
    versions: detail.versions.map((version) => ({
      number: version.number,
      current: version.number === letter.currentVersion,
      hash: version.contentHash.slice(0, 12),
      approvedBy: version.approvedBy ?? "",
      approvedAt: dateTime(version.approvedAt),
      createdAt: dateTime(version.createdAt),
    })),
    items: detail.items.map((item) => ({ ...item, tag: stateTag(item.state) })),
    /** The items as choices of the form that changes one without a reply. */
    itemChoices: detail.items.map((item) => ({ value: item.id, text: item.title })),
    replies: detail.replies.map((reply) => ({
      ...reply,
      // Line by line, so the template keeps the reply's line breaks without marking any text safe.
      lines: reply.text === "" ? [] : reply.text.split(/\r?\n/),
      files: reply.files.map((file) => ({
        name: file.name,
        size: fileSize(file.size),
        href: `${base}/files/${enc(file.hash)}`,
        scanned: file.ocr ? scannedSummary(file.ocr) : null,
        problems: file.problems,
      })),
    })),
    chasers: detail.chasers.map((chaser) => ({
      href: letterPath(campaign.id, chaser.recipient, "chaser"),
      tag: stateTag(chaser.state),
      createdAt: dateTime(chaser.createdAt),
    })),
    audit: auditRows(audit, titles),
  };
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "Scanned: 2 pages read by OCR, 89% confidence"; a picture with no words says so rather than "0%". */
function scannedSummary(ocr: { pages: number; confidence: number; words: number }): string {
  const read = `Scanned: ${ocr.pages} ${ocr.pages === 1 ? "page" : "pages"} read by OCR`;
  return ocr.words === 0 ? `${read}, no words found` : `${read}, ${ocr.confidence}% confidence`;
}
