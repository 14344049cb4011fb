import type { CampaignDigest, DigestCell } from "../../../digest/build-digest.ts";

// The digest page's view model: each body with, for each question, either
// the accepted answer (with the passage it rests on) or the proposal to
// decide on (a rejected one says so); and the themes, as a bodies × themes
// matrix and a list a person tidies.

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
    themes: themesView(digest),
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

/** Themes in the bodies × themes matrix, at most. */
const MATRIX = 12;

function themesView(digest: CampaignDigest) {
  const shown = digest.themes.filter((theme) => !theme.hidden);
  const columns = shown.slice(0, MATRIX);
  return {
    columns: columns.map((theme) => theme.label),
    rows: digest.bodies.map((body) => ({
      name: body.name,
      marks: columns.map((theme) => theme.mentions.some((mention) => mention.recipient === body.recipient)),
    })),
    list: digest.themes.map((theme) => ({
      key: theme.key,
      label: theme.label,
      hidden: theme.hidden,
      bodies: theme.mentions.map((mention) => ({
        name: digest.bodies.find((body) => body.recipient === mention.recipient)?.name ?? mention.recipient,
        quote: mention.quote,
        where: `${mention.file ?? "the reply's text"}, page ${mention.page}`,
      })),
      mergeChoices: [
        { value: "", text: "Choose a theme" },
        ...shown
          .filter((other) => other.key !== theme.key)
          .map((other) => ({ value: other.key, text: other.label })),
      ],
    })),
  };
}
