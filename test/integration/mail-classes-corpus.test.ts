import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { classifyMessage, type Classified } from "../../src/mail-in/classify-message.ts";
import { parseMessage } from "../../src/mail-in/parse-message.ts";

// Issue 16: every message read as a careful person would, on real mail: 586
// bounces, delay warnings, auto-replies and reports from sisimai's public set
// of emails, and real replies of public bodies from Froide's test mails, each
// with its expected class (see each folder's README and LICENSE). The score is
// in the README; the floors below are set from it.

const FIXTURES = "test/fixtures/mail";
type Class = "reply" | "auto-reply" | "bounce" | "delay" | "report";

interface Case {
  file: string;
  expected: Class;
  got: Class;
}

function classOf(result: Classified): Class {
  if (result.kind !== "bounce") return result.kind;
  return result.bounce?.permanent ? "bounce" : "delay";
}

async function readCorpus(folder: string): Promise<Case[]> {
  const expected = JSON.parse(readFileSync(join(FIXTURES, folder, "expected.json"), "utf8")) as Record<
    string,
    { class: Class }
  >;
  const cases: Case[] = [];
  for (const [file, entry] of Object.entries(expected)) {
    const raw = readFileSync(join(FIXTURES, folder, file));
    const got = classOf(classifyMessage(await parseMessage(raw), raw, "postbag.example"));
    cases.push({ file: `${folder}/${file}`, expected: entry.class, got });
  }
  return cases;
}

describe("classifying real-world mail", () => {
  let cases: Case[] = [];
  beforeAll(async () => {
    cases = [...(await readCorpus("sisimai")), ...(await readCorpus("froide"))];
  }, 60_000);

  const wrong = (filter: (one: Case) => boolean) =>
    cases.filter((one) => filter(one) && one.got !== one.expected).map((one) => `${one.file}: ${one.got}`);

  it("reads a corpus of at least 200 machine messages and real replies", () => {
    expect(cases.filter((one) => one.expected !== "reply").length).toBeGreaterThanOrEqual(200);
    expect(cases.filter((one) => one.expected === "reply").length).toBeGreaterThanOrEqual(15);
  });

  it("never takes a bounce, a delay warning or a report for a reply", () => {
    expect(
      cases.filter((one) => one.expected !== "reply" && one.got === "reply").map((one) => one.file),
    ).toEqual([]);
  });

  it("takes every real reply for a reply", () => {
    expect(wrong((one) => one.expected === "reply")).toEqual([]);
  });

  it("keeps a person's reply a reply when it speaks of a failed delivery", async () => {
    // A reply (the intake tests' own), its text saying what a bounce says: a person's sender, a person's subject.
    const raw = readFileSync(join(FIXTURES, "01-token-reply.eml"))
      .toString("latin1")
      .replace(
        /\r?\n\r?\n/,
        "\n\nThe paper copy could not be delivered to your office: 550 pages, attached. Mailbox full, they said.\n\n",
      );
    const bytes = Buffer.from(raw, "latin1");
    const message = await parseMessage(bytes);
    expect(message.text).toContain("could not be delivered to your office");
    expect(classOf(classifyMessage(message, bytes, "postbag.example"))).toBe("reply");
  });

  it("takes Exchange's out-of-office by its two headers, and a reply forwarded by an inbox rule for a reply", async () => {
    const reply = readFileSync(join(FIXTURES, "01-token-reply.eml")).toString("latin1");
    const withHeaders = async (...headers: string[]) => {
      const bytes = Buffer.from(`${headers.join("\r\n")}\r\n${reply}`, "latin1");
      return classOf(classifyMessage(await parseMessage(bytes), bytes, "postbag.example"));
    };
    expect(await withHeaders("X-MS-Exchange-Inbox-Rules-Loop: clerk@council.example")).toBe("reply");
    expect(await withHeaders("X-Auto-Response-Suppress: All")).toBe("reply");
    expect(
      await withHeaders(
        "X-Auto-Response-Suppress: All",
        "X-MS-Exchange-Inbox-Rules-Loop: clerk@council.example",
      ),
    ).toBe("auto-reply");
  });

  it("tells a final failure from a delay warning", () => {
    expect(wrong((one) => one.expected === "delay")).toEqual([]);
    // A failure taken for a delay leaves a dead address unmarked: at most 1 in 100.
    const failures = cases.filter((one) => one.expected === "bounce");
    expect(failures.filter((one) => one.got === "delay").length).toBeLessThanOrEqual(failures.length / 100);
  });

  it("classes at least 99% of the corpus as expected (the README gives the score)", () => {
    const right = cases.filter((one) => one.got === one.expected).length;
    console.info(`mail classes: ${right} of ${cases.length} right; wrong: ${wrong(() => true).join(", ")}`);
    expect(right / cases.length).toBeGreaterThanOrEqual(0.99);
  });
});
