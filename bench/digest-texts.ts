import type { TestReply } from "../test/fixtures/digest/vru-replies.ts";
import { seededRandom } from "../test/support/seeded-random.ts";

// The texts of one large reply for the digest bench: a short covering email
// and three long documents (a needs assessment, a strategy, an annual
// report) of pages of the kind of prose such documents are made of, with one
// of the 18 test replies' answering paragraphs placed a few pages in. Made
// from a seeded generator, so every run ranks the same words.

const SUBJECTS = [
  "The partnership board",
  "Our analysts",
  "Community safety partners",
  "The youth offending service",
  "Public health colleagues",
  "The police and crime commissioner",
  "Local authority leads",
  "The evaluation partner",
  "Schools and colleges",
  "Health and justice commissioners",
];
const VERBS = [
  "reviewed",
  "mapped",
  "commissioned",
  "evaluated",
  "extended",
  "co-ordinated",
  "monitored",
  "reported on",
  "funded",
  "set out",
];
const OBJECTS = [
  "hospital admissions for assault with a sharp object",
  "the data sharing agreement between partners",
  "mentoring for young people excluded from school",
  "trauma-informed training for front-line staff",
  "the community engagement plan for the coming year",
  "referral pathways from emergency departments",
  "the governance arrangements of the unit",
  "outcome measures for each funded project",
  "the seasonal pattern of violent incidents",
  "sports-based diversionary activity in the evenings",
  "support for families affected by domestic abuse",
  "the quarterly return to the Home Office",
];
const CLAUSES = [
  "in line with the public health approach",
  "with the support of the voluntary sector",
  "across each of the local authority areas",
  "during the first quarter of the year",
  "as agreed at the last meeting",
  "drawing on police and health data",
  "so that resources follow need",
  "subject to the availability of funding",
];

function paragraph(random: () => number): string {
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  return Array.from(
    { length: 4 },
    () => `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} ${pick(CLAUSES)}.`,
  ).join(" ");
}

function filler(random: () => number, count: number): string[] {
  return Array.from({ length: count }, () => Array.from({ length: 4 }, () => paragraph(random)).join("\n\n"));
}

export function bigReplyFiles(known: TestReply, index: number, pagesAFile: number) {
  const random = seededRandom(index + 1);
  const answering = known.paragraphs.filter((text) => text !== "\f");
  // 13.4 pages a file on average: some files a page longer than others.
  const pagesOf = (file: number) => Math.floor(pagesAFile + ((index + file) % 3 === 0 ? 0.99 : 0));
  const documents = ["needs-assessment.pdf", "response-strategy.pdf", "annual-report.pdf"];
  const files = documents.map((name, file) => {
    const pages = filler(random, pagesOf(file));
    // An answering paragraph or two, a few pages in, among the filler.
    const placed = answering.slice(file * 3, file * 3 + 3);
    const at = Math.min(pages.length - 1, 2 + file);
    pages[at] = [pages[at], ...placed].join("\n\n");
    return { name, pages };
  });
  return {
    email: `Thank you for your letter of 13 October. Please find our response attached.\n\n${paragraph(random)}`,
    files,
  };
}
