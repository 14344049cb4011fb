import type { CampaignDigest, DigestCell } from "../../../digest/build-digest.ts";

// The digest page's view model: a row per body, a column per question, and
// in each cell either the accepted answer (with the passage it rests on) or
// the proposal to decide on; a rejected proposal says so.

const QUOTE = 240;

export function digestView(digest: CampaignDigest) {
  return {
    questions: digest.questions.map((question) => ({
      id: question.id,
      text: question.question,
      kind: question.kind,
    })),
    bodies: digest.bodies.map((body) => ({
      recipient: body.recipient,
      name: body.name,
      cells: body.cells.map((cell) => cellView(body.recipient, cell)),
    })),
    decided: digest.bodies.reduce(
      (sum, body) => sum + body.cells.filter((cell) => cell.answer?.decision === "accepted").length,
      0,
    ),
    cells: digest.bodies.length * digest.questions.length,
  };
}

function cellView(recipient: string, cell: DigestCell) {
  const top = cell.passages[0];
  const answer = cell.answer;
  const resting = answer?.decision === "accepted" ? answer : null;
  return {
    id: `${recipient}--${cell.question}`,
    question: cell.question,
    itemState: cell.itemState,
    state: answer?.decision ?? (top ? "proposed" : "nothing"),
    value: resting?.value ?? cell.proposed?.value ?? null,
    quote: clip(resting?.quote ?? top?.text ?? ""),
    where: whereOf(resting ?? top ?? null),
    decidedBy: answer?.decidedBy ?? null,
  };
}

function whereOf(passage: { file: string | null; page: number | null } | null): string {
  if (!passage) return "";
  const file = passage.file ?? "the reply's text";
  return passage.page ? `${file}, page ${passage.page}` : file;
}

function clip(text: string): string {
  return text.length > QUOTE ? `${text.slice(0, QUOTE - 1).trimEnd()}…` : text;
}
