import type { Table } from "../files/write-table.ts";
import type { CampaignDigest, DigestCell } from "./campaign-digest.ts";

// The digest as a table, a row per body and question, for CSV and XLSX (the
// command line and the web app write the same): the accepted answer where a
// person accepted one, else the proposal, with the passage's file, page and
// quote, and a link to the file (at its page, for a PDF) in the staff app,
// or to the letter's page for the reply's own words.

/** `siteUrl`: where the app is reached (config.office.publicUrl), without a trailing slash. */
export function digestTable(digest: CampaignDigest, siteUrl: string): Table {
  return {
    columns: [
      "body",
      "recipient",
      "question",
      "item state",
      "decision",
      "answer",
      "file",
      "page",
      "quote",
      "link",
    ],
    rows: digest.bodies.flatMap((body) =>
      body.cells.map((cell) => {
        const accepted = cell.answer?.decision === "accepted" ? cell.answer : null;
        const top = cell.passages[0];
        const passage = accepted ?? (top ? { file: top.file, page: top.page, quote: top.text } : null);
        return [
          body.name,
          body.recipient,
          questionText(digest, cell),
          cell.itemState ?? "",
          cell.answer?.decision ?? (cell.passages.length > 0 ? "proposed" : ""),
          accepted?.value ?? (cell.answer ? "" : (cell.proposed?.value ?? "")),
          passage ? (passage.file ?? "the reply's text") : "",
          passage?.page ? String(passage.page) : "",
          passage ? (passage.quote ?? "") : "",
          passage ? linkTo(siteUrl, digest.campaign, body.recipient, cell, passage) : "",
        ];
      }),
    ),
  };
}

function linkTo(
  siteUrl: string,
  campaign: string,
  recipient: string,
  cell: DigestCell,
  passage: { file: string | null; page: number | null },
): string {
  const letter = `${siteUrl}/manage/campaigns/${encodeURIComponent(campaign)}/letters/${encodeURIComponent(recipient)}`;
  // An accepted answer keeps its file's name: the hash is the cell's passage from that file.
  const hash = passage.file
    ? cell.passages.find((candidate) => candidate.file === passage.file)?.hash
    : undefined;
  if (!hash) return letter;
  return `${letter}/files/${hash}${passage.page && passage.page > 1 ? `#page=${passage.page}` : ""}`;
}

export function questionText(digest: CampaignDigest, cell: DigestCell): string {
  return digest.questions.find((question) => question.id === cell.question)?.question ?? cell.question;
}
