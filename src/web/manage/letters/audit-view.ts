import type { AuditTrailEntry } from "../../../campaigns/queries/audit-trail.ts";
import { formatDate } from "../../plugins/views.ts";

// The audit trail as people read it: when (to the minute, UTC), who, and a
// sentence for each kind of entry instead of the raw action and JSON.

type After = Record<string, unknown>;
type Describe = (after: After, entry: AuditTrailEntry, titles: Map<string, string>) => string;

const text = (value: unknown) =>
  typeof value === "string" || typeof value === "number" ? String(value) : "";

const DESCRIPTIONS: Record<string, Describe> = {
  "recipient.created": () => "Recipient added",
  "recipient.updated": () => "Recipient's details changed",
  "letter.created": (after) => `Letter drafted (version ${text(after.version)})`,
  "letter.revised": (after) => `Letter revised to version ${text(after.version)}; back to draft`,
  "letter.approved": (after) => `Letter approved (version ${text(after.version)})`,
  "letter.sent": (after) => `Letter sent on ${formatDate(after.sentOn)} by ${text(after.sentVia)}`,
  "letter.replied": (after) => `Reply recorded, received on ${formatDate(after.receivedOn)}`,
  "letter.queued": (after) => `Letter queued to be sent by ${text(after.via)} to ${text(after.to)}`,
  "letter.returned": (after) => `Letter came back undelivered: ${text(after.reason)}`,
  "letter.delivery-delayed": (after) =>
    `Delivery delayed (the mail server is still trying): ${text(after.reason)}`,
  "letter.withdrawn": (after) => `Letter withdrawn: ${text(after.reason)}`,
  "chaser.created": (after) =>
    after.replyBy ? `Chaser drafted, asking for a reply by ${formatDate(after.replyBy)}` : "Chaser drafted",
  "chaser.approved": () => "Chaser approved",
  "chaser.queued": (after) => `Chaser queued to be sent by ${text(after.via)} to ${text(after.to)}`,
  "chaser.sent": (after) => `Chaser sent on ${formatDate(after.sentOn)} by ${text(after.sentVia)}`,
  "chaser.returned": (after) => `Chaser came back undelivered: ${text(after.reason)}`,
  "chaser.withdrawn": (after) => `Chaser withdrawn: ${text(after.reason)}`,
  "item.updated": (after, entry, titles) => {
    const id = entry.entityId.split("/").at(-1) ?? "";
    const url = text(after.publicUrl);
    // A staff note (an item changed without a reply) is shown here, on the staff page only.
    const note = text(after.note);
    return `${titles.get(id) ?? id}: ${text(after.state).replace("-", " ")}${url ? ` (${url})` : ""}${note ? `. Note: ${note}` : ""}`;
  },
};

const TIME = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});

/** "5 November 2020, 14:05 UTC"; the audit log keeps ISO 8601 text. */
export function dateTime(value: string | Date | null): string {
  if (value === null) return "";
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return `${formatDate(date)}, ${TIME.format(date)} UTC`;
}

export function auditRows(entries: AuditTrailEntry[], titles: Map<string, string>) {
  return entries.map((entry) => {
    const after = (entry.after ?? {}) as After;
    const describe = DESCRIPTIONS[entry.action];
    return {
      when: dateTime(entry.at),
      who: entry.actor,
      what: describe ? describe(after, entry, titles) : entry.action,
    };
  });
}
