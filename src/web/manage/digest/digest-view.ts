import type { CampaignDigest, DigestCell } from "../../../digest/campaign-digest.ts";

// The digest page's view model: each body with, for each question, either
// the accepted answer (with the passage it rests on) or the proposal to
// decide on (a rejected one says so); and the themes, as a bodies × themes
// matrix and a list a person tidies.

const QUOTE = 240;

export function digestView(digest: CampaignDigest) {
  return {
    build: buildView(digest.build),
    pagination: paginationOf(digest),
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
    decided: digest.accepted,
    cells: digest.paging.bodies * digest.questions.length,
  };
}

/** Whether the proposals shown are the replies' as they are now, and a build under way. */
function buildView(build: CampaignDigest["build"]) {
  const task = build.task;
  const counted =
    task && task.total > 0
      ? `: ${task.done.toLocaleString("en-GB")} of ${task.total.toLocaleString("en-GB")}`
      : "";
  return {
    builtAt: build.builtAt?.toISOString() ?? "",
    builtText: build.builtAt
      ? build.builtAt.toLocaleString("en-GB", {
          dateStyle: "long",
          timeStyle: "short",
          timeZone: "Europe/London",
        })
      : null,
    current: build.current,
    progress: task ? `${task.step}${counted}` : null,
  };
}

/** GOV.UK pagination over the bodies, when they fill more than one page. */
function paginationOf(digest: CampaignDigest) {
  const { page, pages } = digest.paging;
  if (pages <= 1) return null;
  const href = (to: number) => `/manage/campaigns/${encodeURIComponent(digest.campaign)}/digest?page=${to}`;
  return {
    ...(page > 1 ? { previous: { href: href(page - 1) } } : {}),
    ...(page < pages ? { next: { href: href(page + 1) } } : {}),
    items: Array.from({ length: pages }, (_, index) => index + 1)
      .filter((to) => to === 1 || to === pages || Math.abs(to - page) <= 2)
      .flatMap((to, index, shown) => [
        ...(index > 0 && to - shown[index - 1]! > 1 ? [{ ellipsis: true }] : []),
        { number: to, href: href(to), current: to === page },
      ]),
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
  const onPage = new Set(digest.bodies.map((body) => body.recipient));
  const shown = digest.themes.filter((theme) => !theme.hidden);
  const columns = shown.slice(0, MATRIX);
  return {
    columns: columns.map((theme) => ({ label: theme.label, bodies: theme.mentions.length })),
    rows: digest.bodies.map((body) => ({
      name: body.name,
      marks: columns.map((theme) => theme.mentions.some((mention) => mention.recipient === body.recipient)),
    })),
    list: digest.themes.map((theme) => ({
      key: theme.key,
      label: theme.label,
      hidden: theme.hidden,
      count: theme.mentions.length,
      // The quotes of the bodies on this page: a campaign of hundreds would list thousands.
      bodies: theme.mentions
        .filter((mention) => onPage.has(mention.recipient))
        .map((mention) => ({
          name: digest.names[mention.recipient] ?? mention.recipient,
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
