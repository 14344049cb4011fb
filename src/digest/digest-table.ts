import type { Table } from "../files/write-table.ts";
import type { CampaignDigest, DigestCell } from "./campaign-digest.ts";

// The digest as a table, a row per body and question, for CSV (the command
// line and the web app write the same): the accepted answer where a person
// accepted one, else the proposal, with the passage's file, page and quote.

export function digestTable(digest: CampaignDigest): Table {
  return {
    columns: ["body", "recipient", "question", "item state", "decision", "answer", "file", "page", "quote"],
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
        ];
      }),
    ),
  };
}

export function questionText(digest: CampaignDigest, cell: DigestCell): string {
  return digest.questions.find((question) => question.id === cell.question)?.question ?? cell.question;
}
