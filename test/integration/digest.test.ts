import { appendFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachDatabase, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { commandOn, copyOfExample } from "../support/records.ts";
import { tempDir } from "../support/render-cli.ts";

// Issue 18, first part: `postbag digest` on a campaign whose replies came as
// a letter's text and as a two-page PDF, on the real app and database. Each
// body's cell for each question names the passage that answers it, with its
// file and page, and the value proposed from it.

const QUESTIONS = `
questions:
  - id: priorities
    question: What are the strategic priorities?
  - id: early-intervention-money
    question: How much of the funding goes to early intervention?
    kind: money
`;

async function twoPagePlan(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const pages = [
    [
      "Strategic priorities",
      "",
      "Our three strategic priorities for 2020/21 are early intervention with young",
      "people, disrupting county lines, and support for families.",
    ],
    [
      "Funding",
      "",
      "In 2020/21 the VRU invests £1.2m in early intervention programmes,",
      "about 40% of the Home Office grant.",
    ],
  ];
  for (const lines of pages) {
    const page = doc.addPage([595, 842]);
    lines.forEach((line, i) => page.drawText(line, { x: 72, y: 760 - i * 16, size: 11, font }));
  }
  return doc.save();
}

describeOnEachDatabase("postbag digest", (kind) => {
  let database: TestDatabase;
  let postbag: ReturnType<typeof commandOn>;
  const campaign = copyOfExample();

  beforeAll(async () => {
    database = await freshDatabase(kind);
    postbag = commandOn(database);
    appendFileSync(join(campaign.dir, "campaign.yaml"), QUESTIONS);
    const files = tempDir("postbag-digest-");
    const plan = join(files, "essex-plan.pdf");
    writeFileSync(plan, await twoPagePlan());
    const steps: string[][] = [
      ["import", campaign.dir],
      ["users", "add", "--email", "ann@example.org", "--role", "approver"],
      ["approve", "vru-2020", "--by", "ann@example.org"],
      ["record-sent", "vru-2020", "--on", "2020-10-13", "--via", "email"],
      ["record-reply", "vru-2020", "--recipient", "essex", "--on", "2020-11-02", "--file", plan],
    ];
    for (const step of steps) {
      const result = await postbag.run(step);
      expect(result.status, `${step.join(" ")}: ${result.stderr}`).toBe(0);
    }
    const letter = join(files, "reply.txt");
    writeFileSync(
      letter,
      "Our Response Strategy was published on 1 April 2020 and is attached.\n\nInterventions that target criminal exploitation include mentoring in custody suites.\n",
    );
    const reply = await postbag.run([
      "record-reply",
      "vru-2020",
      "--recipient",
      "sussex",
      "--on",
      "2020-11-04",
      "--file",
      letter,
    ]);
    expect(reply.status, reply.stderr).toBe(0);
  }, 120_000);
  afterAll(() => database?.drop());

  it("answers each question from the passage that says it, with file, page and proposed value", async () => {
    const digest = await postbag.json(["digest", "vru-2020"]);
    expect(digest.questions.map((q: { id: string }) => q.id)).toEqual([
      "needs-assessment",
      "response-strategy",
      "delivery-updates",
      "priorities",
      "early-intervention-money",
    ]);
    const cell = (body: string, question: string) =>
      digest.bodies
        .find((b: { recipient: string }) => b.recipient === body)
        .cells.find((c: { question: string }) => c.question === question);
    expect(cell("essex", "priorities").passages[0]).toMatchObject({ file: "essex-plan.pdf", page: 1 });
    expect(cell("essex", "priorities").passages[0].text).toContain("three strategic priorities");
    expect(cell("essex", "early-intervention-money").passages[0]).toMatchObject({
      file: "essex-plan.pdf",
      page: 2,
    });
    expect(cell("essex", "early-intervention-money").proposed).toEqual({ kind: "money", value: "1200000" });
    expect(cell("sussex", "response-strategy")).toMatchObject({
      itemState: "requested",
      proposed: { kind: "yes/no", value: "yes" },
    });
    expect(cell("sussex", "response-strategy").passages[0]).toMatchObject({ file: "reply.txt", page: 1 });
    expect(cell("thames-valley", "priorities").passages).toEqual([]);
  });

  it("writes the same as CSV, one row per body and question, and says what is wrong with its arguments", async () => {
    const csv = await postbag.run(["digest", "vru-2020", "--csv"]);
    expect(csv.status).toBe(0);
    const lines = csv.stdout.trim().split("\r\n");
    expect(lines[0]).toBe("body,recipient,question,item state,decision,answer,file,page,quote,link");
    expect(lines).toHaveLength(1 + 5 * 5);
    const essex = lines.find((line) => line.includes(",essex,How much"));
    expect(essex).toContain(",proposed,1200000,essex-plan.pdf,2,");
    // A link to the stored file at its page, in the staff app.
    expect(essex).toMatch(
      /,http:\/\/[^,]+\/manage\/campaigns\/vru-2020\/letters\/essex\/files\/[0-9a-f]{64}#page=2$/,
    );
    expect((await postbag.run(["digest"])).stderr).toContain("give exactly one campaign id");
    expect((await postbag.run(["digest", "vru-2020", "--csv", "--json"])).stderr).toContain(
      "choose --json or --csv",
    );
    expect((await postbag.run(["digest", "nowhere"])).stderr).toContain('there is no campaign "nowhere"');
  });
});
