import type { CampaignDigest } from "../../../digest/campaign-digest.ts";

// The side-by-side reader: the passages two or more bodies' replies give on
// one question, next to each other. Bodies are chosen on the page; with
// none chosen, the first few whose replies say something on it are shown.

/** Bodies shown side by side before any is chosen. */
const SHOWN_FIRST = 6;

export function compareView(digest: CampaignDigest, question: string, chosen: string[]) {
  const asked = digest.questions.find((candidate) => candidate.id === question);
  const index = digest.questions.findIndex((candidate) => candidate.id === question);
  const bodies = digest.bodies.map((body) => ({ body, cell: body.cells[index]! }));
  const answering = bodies.filter(({ cell }) => cell.passages.length > 0);
  const shown =
    chosen.length > 0
      ? bodies.filter(({ body }) => chosen.includes(body.recipient))
      : answering.slice(0, SHOWN_FIRST);
  return {
    question: asked ?? null,
    choices: bodies.map(({ body, cell }) => ({
      value: body.recipient,
      text: body.name,
      hint: { text: found(cell.passages.length) },
      checked: shown.some((entry) => entry.body.recipient === body.recipient),
    })),
    columns: shown.map(({ body, cell }) => ({
      name: body.name,
      answer: cell.answer?.decision === "accepted" ? cell.answer.value : null,
      passages: cell.passages.map((passage) => ({
        text: passage.text,
        where: `${passage.file ?? "the reply's text"}, page ${passage.page}`,
      })),
    })),
  };
}

function found(count: number): string {
  return count === 0 ? "nothing found" : `${count} ${count === 1 ? "passage" : "passages"}`;
}
