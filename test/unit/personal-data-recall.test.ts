import { describe, expect, it } from "vitest";
import { personalDataFindings, phoneKey } from "../../src/documents/checks/personal-data.ts";
import { nameTokens } from "../../src/documents/checks/public-people.ts";
import type { Finding } from "../../src/documents/document.ts";
import { HELD_OUT_REPLIES } from "../fixtures/personal-data/held-out-replies.ts";
import {
  LABELLED_REPLIES,
  SEED_CONTEXT,
  type LabelledReply,
} from "../fixtures/personal-data/labelled-replies.ts";

// The personal data checks measured as a careful reader is: on 43 replies
// written for the tests and labelled by hand (test/fixtures/personal-data),
// how many of the private people, phone numbers and email addresses are
// found (recall), and how many findings are not personal data at all (false
// alarms). The floors are set from the measurement (README, "Personal data").

type Kind = "people" | "phones" | "emails";
const CODES: Record<Kind, string> = {
  people: "personal-name",
  phones: "personal-phone",
  emails: "personal-email",
};

/** One key per thing, however it is written: a name's tokens, a number's digits, an address in lower case. */
const KEYS: Record<Kind, (value: string) => string> = {
  people: (value) => nameTokens(value).join(" "),
  phones: phoneKey,
  emails: (value) => value.toLowerCase(),
};

/** The value a finding quotes: A phone number, perhaps a person's: "07700 900123". */
function quoted(finding: Finding): string {
  return /"([^"]*)"/.exec(finding.message)?.[1] ?? "";
}

interface Score {
  expected: number;
  found: number;
  falseAlarms: string[];
  missed: string[];
}

function score(replies: LabelledReply[]): Record<Kind, Score> {
  const scores = {} as Record<Kind, Score>;
  for (const kind of ["people", "phones", "emails"] as Kind[]) {
    scores[kind] = { expected: 0, found: 0, falseAlarms: [], missed: [] };
  }
  for (const reply of replies) {
    const findings = personalDataFindings([{ location: "text", text: reply.text }], SEED_CONTEXT);
    for (const kind of ["people", "phones", "emails"] as Kind[]) {
      const key = KEYS[kind];
      const flagged = new Set(findings.filter((f) => f.code === CODES[kind]).map((f) => key(quoted(f))));
      const wanted = new Set(reply[kind].map(key));
      const entry = scores[kind];
      entry.expected += wanted.size;
      for (const value of wanted) {
        if (flagged.has(value)) entry.found++;
        else entry.missed.push(`${reply.id}: ${value}`);
      }
      for (const value of flagged) {
        // "Gemma" above "Gemma Rowe | Partnership Coordinator" is the same person, named twice.
        const samePerson = kind === "people" && [...wanted].some((name) => name.split(" ").includes(value));
        if (!wanted.has(value) && !samePerson) entry.falseAlarms.push(`${reply.id}: ${value}`);
      }
    }
  }
  return scores;
}

function report(name: string, scores: Record<Kind, Score>): string {
  return Object.entries(scores)
    .map(
      ([kind, s]) =>
        `${name} ${kind}: ${s.found}/${s.expected} found, ${s.falseAlarms.length} false alarms ` +
        `${JSON.stringify(s.falseAlarms)}; missed ${JSON.stringify(s.missed)}`,
    )
    .join("\n");
}

describe("personal data found as a careful reader would", () => {
  const tuned = score(LABELLED_REPLIES);
  const heldOut = score(HELD_OUT_REPLIES);
  const recall = (scores: Record<Kind, Score>, kind: Kind) => scores[kind].found / scores[kind].expected;
  const falseAlarms = (scores: Record<Kind, Score>) =>
    Object.values(scores).reduce((sum, each) => sum + each.falseAlarms.length, 0);

  it("is measured on at least 40 labelled replies, and on more held out from the tuning", () => {
    expect(LABELLED_REPLIES.length).toBeGreaterThanOrEqual(40);
    expect(HELD_OUT_REPLIES.length).toBeGreaterThanOrEqual(15);
    console.log(`${report("tuned", tuned)}\n${report("held out", heldOut)}`);
  });

  it("finds the private people, phone numbers and addresses of the replies it was tuned on", () => {
    expect(recall(tuned, "people")).toBeGreaterThanOrEqual(FLOORS.tuned.people);
    expect(recall(tuned, "phones")).toBeGreaterThanOrEqual(FLOORS.tuned.phones);
    expect(recall(tuned, "emails")).toBeGreaterThanOrEqual(FLOORS.tuned.emails);
    expect(falseAlarms(tuned)).toBeLessThanOrEqual(FLOORS.tuned.falseAlarms);
  });

  it("finds most of them in replies it was not tuned on, with few false alarms", () => {
    expect(recall(heldOut, "people")).toBeGreaterThanOrEqual(FLOORS.heldOut.people);
    expect(recall(heldOut, "phones")).toBeGreaterThanOrEqual(FLOORS.heldOut.phones);
    expect(recall(heldOut, "emails")).toBeGreaterThanOrEqual(FLOORS.heldOut.emails);
    expect(falseAlarms(heldOut)).toBeLessThanOrEqual(FLOORS.heldOut.falseAlarms);
  });
});

/** Set from the measurement (README, "Personal data"), a little under it: a change that loses ground fails. */
const FLOORS = {
  // Measured: people 32/32, phones 12/12, emails 5/5, no false alarm.
  tuned: { people: 0.95, phones: 1, emails: 1, falseAlarms: 1 },
  // Measured once the finders were set: people 8/13, phones 3/3, emails 1/1, one false alarm.
  heldOut: { people: 0.6, phones: 1, emails: 1, falseAlarms: 1 },
};
