import { controlCharacterIn, withoutControlCharacters } from "../text/control-characters.ts";
import type { AddressObject, HeaderValue, simpleParser } from "mailparser";

// A message as it came in, read with mailparser into what intake needs. Mail
// comes from outside, so nothing here throws: what could not be read is said
// in `problems` and the message is kept with whatever could be read.

/** Attachments larger than this are not kept (the rest of the message is). */
export const MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024;

export interface MessageAttachment {
  name: string;
  mediaType: string;
  bytes: Buffer;
}

export interface ParsedMessage {
  messageId: string | null;
  inReplyTo: string | null;
  /** In-Reply-To and References, each "<id@host>". */
  references: string[];
  from: { address: string; text: string };
  /** Every address it was sent to: To, Cc, Delivered-To, X-Original-To (as written: reply tokens are case-sensitive). */
  to: string[];
  subject: string;
  date: Date | null;
  /** Header name (lower case) → its text. */
  header(name: string): string;
  contentType: string;
  reportType: string;
  /** A delivery report's machine-readable parts, decoded (message/delivery-status, message/global-delivery-status). */
  deliveryStatus: string;
  /** The message a report returns, or its headers, decoded (message/rfc822, text/rfc822-headers). */
  returned: string;
  /** Whether it holds a spam-complaint report (message/feedback-report, RFC 5965). */
  feedbackReport: boolean;
  text: string;
  attachments: MessageAttachment[];
  /** Attachments refused for their size: name and size in bytes. */
  refused: { name: string; size: number }[];
  problems: string[];
}

export async function parseMessage(raw: Buffer): Promise<ParsedMessage> {
  const problems: string[] = [];
  let mail: Awaited<ReturnType<typeof simpleParser>> | undefined;
  try {
    // mailparser is loaded with the first message (a command starts without it).
    const { simpleParser: parse } = await import("mailparser");
    mail = await parse(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  } catch (error) {
    problems.push(`the message could not be read as MIME (${(error as Error).message})`);
  }
  const headers = mail?.headers ?? new Map<string, HeaderValue>();
  const header = (name: string) => headerText(headers.get(name.toLowerCase()));
  const contentType = headers.get("content-type") as { value?: string; params?: Record<string, string> };
  const type = (contentType?.value ?? "text/plain").toLowerCase();
  const boundary = contentType?.params?.boundary;
  if (type.startsWith("multipart/") && boundary && !raw.includes(`--${boundary}`)) {
    problems.push(
      `the message's MIME structure is broken: its parts' boundary "${boundary}" never appears, so its text and attachments could not be found (the whole message is kept)`,
    );
  }
  problems.push(...unknownCharsets(raw));

  // Text from outside is stored as text: a control character (NUL cannot be stored at all) becomes U+FFFD.
  const clean = cleaner(problems);
  const attachments: MessageAttachment[] = [];
  const refused: { name: string; size: number }[] = [];
  const report = { deliveryStatus: [] as string[], returned: [] as string[], feedbackReport: false };
  for (const [index, attachment] of (mail?.attachments ?? []).entries()) {
    const partType = attachment.contentType.toLowerCase();
    // Read from the decoded part (base64 and quoted-printable undone), never the raw body.
    if (/^message\/(global-)?delivery-status$/.test(partType))
      report.deliveryStatus.push(latin(attachment.content));
    if (/^(message\/(global|rfc822)|text\/rfc822-headers)$/.test(partType))
      report.returned.push(latin(attachment.content));
    if (partType === "message/feedback-report") report.feedbackReport = true;
    // Delivery reports' own parts are not files anyone sent.
    if (/^(message\/(global-)?delivery-status|text\/rfc822-headers|message\/feedback-report)$/.test(partType))
      continue;
    const name = clean(
      attachment.filename?.trim() || `attachment-${index + 1}${extensionFor(attachment.contentType)}`,
    );
    if (attachment.content.length > MAX_ATTACHMENT_BYTES) {
      refused.push({ name, size: attachment.content.length });
      continue;
    }
    attachments.push({ name, mediaType: attachment.contentType, bytes: attachment.content });
  }
  for (const file of refused) {
    problems.push(
      `the attachment "${file.name}" (${megabytes(file.size)}) is larger than 100 MB, so it was not kept: ask the sender for it another way`,
    );
  }

  const from = mail?.from?.value[0];
  const references = [
    ...idsIn(mail?.inReplyTo ?? ""),
    ...idsIn(Array.isArray(mail?.references) ? mail.references.join(" ") : (mail?.references ?? "")),
  ];
  const to = [
    ...addressesOf(mail?.to),
    ...addressesOf(mail?.cc),
    ...addressesOf(headers.get("delivered-to") as AddressObject | undefined),
    ...addressesOf(headers.get("x-original-to") as AddressObject | undefined),
  ];
  return {
    messageId: clean(mail?.messageId ?? "") || null,
    inReplyTo: clean(idsIn(mail?.inReplyTo ?? "")[0] ?? "") || null,
    references: [...new Set(references.map(clean))],
    from: { address: clean((from?.address ?? "").toLowerCase()), text: clean(mail?.from?.text ?? "") },
    to: [...new Set(to.map(clean))],
    subject: clean(mail?.subject ?? ""),
    date: mail?.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null,
    header: (name) => clean(header(name)),
    contentType: type,
    reportType: (contentType?.params?.["report-type"] ?? "").toLowerCase(),
    deliveryStatus: report.deliveryStatus.join("\n"),
    returned: report.returned.join("\n"),
    feedbackReport:
      report.feedbackReport || /feedback-report/i.test(contentType?.params?.["report-type"] ?? ""),
    text: clean((mail?.text ?? "").trim()),
    attachments,
    refused,
    problems: problems.map(withoutControlCharacters),
  };
}

/** A machine-readable part as text: headers are ASCII, and latin1 never fails on a stray byte. */
function latin(bytes: Buffer): string {
  return bytes.toString("latin1");
}

/** A function that cleans text of control characters and says so, once, in the message's problems. */
function cleaner(problems: string[]): (text: string) => string {
  let said = false;
  return (text) => {
    const control = controlCharacterIn(text);
    if (!control) return text;
    if (!said) {
      problems.push(`the message held control characters (${control} first): each is shown as \uFFFD`);
      said = true;
    }
    return withoutControlCharacters(text);
  };
}

/** "<a@b> <c@d>" → ["<a@b>", "<c@d>"]; a bare id gets its brackets. */
export function idsIn(text: string): string[] {
  const bracketed = text.match(/<[^<>\s]+>/g);
  if (bracketed) return bracketed;
  const bare = text.trim();
  return bare && !/\s/.test(bare) ? [`<${bare}>`] : [];
}

function addressesOf(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  const addresses: string[] = [];
  const walk = (entries: { address?: string; group?: unknown[] }[]) => {
    for (const entry of entries) {
      if (entry.address) addresses.push(entry.address);
      if (entry.group) walk(entry.group as { address?: string }[]);
    }
  };
  for (const object of objects) if (object && Array.isArray(object.value)) walk(object.value);
  return addresses;
}

function headerText(value: HeaderValue | undefined): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map((item) => headerText(item as HeaderValue)).join(", ");
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object" && "text" in value) return String(value.text);
  if (typeof value === "object" && "value" in value) return String(value.value);
  return String(value);
}

/** Character sets the message declares (in parts or in encoded words) that cannot be decoded. */
function unknownCharsets(raw: Buffer): string[] {
  const text = raw.toString("latin1");
  const declared = new Set<string>();
  for (const match of text.matchAll(/charset\s*=\s*"?([^";\s]+)/gi)) declared.add(match[1]!.toLowerCase());
  for (const match of text.matchAll(/=\?([^?*\s]+)(?:\*[^?]*)?\?[qb]\?/gi))
    declared.add(match[1]!.toLowerCase());
  const unknown = [...declared].filter((charset) => !decodable(charset));
  return unknown.map(
    (charset) =>
      `the character set "${charset}" is not known: the text was read as best it could be and may be garbled`,
  );
}

function decodable(charset: string): boolean {
  try {
    new TextDecoder(charset);
    return true;
  } catch {
    // Names TextDecoder lacks that mail libraries decode anyway.
    return /^(utf-?7|us-ascii|ascii|x-user-defined|cp\d+|windows-\d+|iso-?8859-\d+)$/i.test(charset);
  }
}

function extensionFor(mediaType: string): string {
  const known: Record<string, string> = {
    "application/pdf": ".pdf",
    "text/plain": ".txt",
    "text/html": ".html",
    "message/rfc822": ".eml",
  };
  return known[mediaType.toLowerCase()] ?? "";
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toLocaleString("en-GB", { maximumFractionDigits: 1 })} MB`;
}
