import type { DocumentReview, LetterPublication } from "../../../publishing/review/letter-publication.ts";
import { PATTERN_NAMES } from "../../../documents/personal-data-patterns.ts";
import { dateTime } from "../letters/audit-view.ts";
import { letterPath } from "../paths.ts";

// What the review pages show of a document, worked out here so the templates
// only lay it out. Tags always carry their word: colour is never the only sign.

export const DOCUMENT_PATH = "/manage/campaigns/:campaign/letters/:recipient/documents/:document";

export function documentPath(campaign: string, recipient: string, document: number): string {
  return `${letterPath(campaign, recipient)}/documents/${document}`;
}

/** Published, ready, N findings to resolve, or not checked: the state a person decides on. */
export function documentState(doc: Pick<DocumentReview, "published" | "readiness">) {
  if (doc.published) return { text: "Published", classes: "govuk-tag--green" };
  if (doc.readiness.ready) return { text: "Ready to publish", classes: "govuk-tag--blue" };
  if (doc.readiness.reason === "not checked yet") return { text: "Not checked", classes: "govuk-tag--grey" };
  return { text: capitalise(doc.readiness.reason), classes: "govuk-tag--orange" };
}

const SEVERITY: Record<string, string> = { block: "Hidden content", review: "Personal data" };

export function isPdf(doc: Pick<DocumentReview, "mediaType" | "name">): boolean {
  return doc.mediaType.startsWith("application/pdf") || doc.name.toLowerCase().endsWith(".pdf");
}

/** What a redaction removed, in words: "the text “…”", "every phone number", "a box on page 2". */
export function redactionWhat(kind: string, spec: Record<string, unknown>): string {
  if (kind === "text") return `the text “${String(spec["text"] ?? "")}”`;
  if (kind === "pattern") return `every match of the pattern ${String(spec["pattern"] ?? "")}`;
  if (kind === "box") {
    const [x, y, width, height] = ["x", "y", "width", "height"].map((key) => String(spec[key] ?? "?"));
    return `a box on page ${String(spec["page"] ?? "?")} at ${x}, ${y} (${width} × ${height} points)`;
  }
  return kind;
}

const KIND_LABELS: Record<string, string> = { text: "Exact text", pattern: "Pattern", box: "Box on a page" };

export function documentView(
  doc: DocumentReview,
  reply: LetterPublication["replies"][number],
  campaign: string,
  recipient: string,
) {
  const base = documentPath(campaign, recipient, doc.id);
  return {
    base,
    letterHref: letterPath(campaign, recipient),
    state: documentState(doc),
    isPdf: isPdf(doc),
    reply,
    findings: doc.findings.map((finding) => ({
      ...finding,
      severityText: SEVERITY[finding.severity] ?? finding.severity,
      open: finding.current && !finding.resolvedAt,
      resolvedWhen: dateTime(finding.resolvedAt),
    })),
    openFindings: doc.findings.filter((finding) => finding.current && !finding.resolvedAt).length,
    redactions: doc.redactions.map((redaction) => ({
      ...redaction,
      kindText: KIND_LABELS[redaction.kind] ?? redaction.kind,
      what: redactionWhat(redaction.kind, redaction.spec),
      when: dateTime(redaction.createdAt),
    })),
    publicCopyHref: doc.publicHash ? `${base}/public-copy` : null,
    originalHref: `${base}/original`,
  };
}

/** The redaction form's choices, with what was chosen kept. */
export function redactionChoices(values: Record<string, string>) {
  return {
    patterns: [
      { value: "", text: "Choose a pattern", selected: !values["pattern"] },
      ...PATTERN_NAMES.map((name) => ({
        value: name,
        text: PATTERN_LABELS[name] ?? name,
        selected: values["pattern"] === name,
      })),
    ],
  };
}

const PATTERN_LABELS: Record<string, string> = {
  email: "Email addresses",
  phone: "Phone numbers",
  "ni-number": "National Insurance numbers",
  postcode: "Postcodes",
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
