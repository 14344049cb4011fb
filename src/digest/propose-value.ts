import type { QuestionKind } from "../files/read-campaign-yaml.ts";

// A value proposed from a passage for a question that wants one: yes or no,
// a date, a number, an amount of money. Proposed only when the passage says
// it plainly; otherwise null, and a person reads the passage. A person
// accepts, edits or rejects every proposal.

export type ProposedValue =
  { kind: "yes/no"; value: "yes" | "no" } | { kind: "date" | "number" | "money"; value: string };

const MONTHS = "january february march april may june july august september october november december".split(
  " ",
);
const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const DAY_MONTH_YEAR = new RegExp(
  String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(${MONTH})\.?,?\s+((?:19|20)\d{2})\b`,
  "i",
);
const MONTH_YEAR = new RegExp(String.raw`\b(${MONTH})\.?\s+((?:19|20)\d{2})\b`, "i");
const ISO = /\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b/;
const UK_NUMERIC = /\b(\d{1,2})\/(\d{1,2})\/((?:19|20)\d{2})\b/;
const MONEY =
  /£\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(m|mn|million|bn|billion|k|thousand)?\b|\b(\d+(?:\.\d+)?)\s*(million|billion)\s+pounds\b/i;
const NUMBER = /(?<![\d£.,/-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d/-])(?!\s*(?:%|per\s*cent))/g;
const NO =
  /\b(?:no|not|none|never|yet to|n[o’']t|unable|without|absence of|do(?:es)? not|ha(?:s|ve) not|is not|are not|hasn[’']t|haven[’']t|isn[’']t|aren[’']t|doesn[’']t|don[’']t)\b/i;
const YES =
  /\b(?:yes|we have(?! not| no)|has (?:a|an|its)|have (?:a|an)|attached|enclosed|published|in place|adopted|approved|agreed|includes?|sets? out)\b/i;

export function proposeValue(kind: QuestionKind, passage: string): ProposedValue | null {
  switch (kind) {
    case "yes/no":
      return yesOrNo(passage);
    case "date":
      return dateIn(passage);
    case "money":
      return moneyIn(passage);
    case "number":
      return numberIn(passage);
    default:
      return null;
  }
}

/** Yes or no by the first cue: "we do not yet have a published strategy" is a no. */
function yesOrNo(passage: string): ProposedValue | null {
  const no = NO.exec(passage)?.index ?? Infinity;
  const yes = YES.exec(passage)?.index ?? Infinity;
  if (no === yes) return null;
  return { kind: "yes/no", value: no < yes ? "no" : "yes" };
}

/** The first date written out: "13 October 2020" → 2020-10-13; "March 2021" → 2021-03; "13/10/2020" (UK) → 2020-10-13. */
function dateIn(passage: string): ProposedValue | null {
  const candidates: { at: number; value: string }[] = [];
  const full = DAY_MONTH_YEAR.exec(passage);
  if (full) candidates.push({ at: full.index, value: `${full[3]}-${month(full[2]!)}-${pad(full[1]!)}` });
  const iso = ISO.exec(passage);
  if (iso) candidates.push({ at: iso.index, value: `${iso[1]}-${iso[2]}-${iso[3]}` });
  const uk = UK_NUMERIC.exec(passage);
  if (uk && Number(uk[2]) <= 12)
    candidates.push({ at: uk.index, value: `${uk[3]}-${pad(uk[2]!)}-${pad(uk[1]!)}` });
  const monthYear = MONTH_YEAR.exec(passage);
  if (monthYear && !candidates.some((c) => Math.abs(c.at - monthYear.index) < 6)) {
    candidates.push({ at: monthYear.index, value: `${monthYear[2]}-${month(monthYear[1]!)}` });
  }
  const first = candidates.sort((a, b) => a.at - b.at)[0];
  return first ? { kind: "date", value: first.value } : null;
}

/** An amount in pounds, written out in whole pounds: "£1.2m" → 1200000. */
function moneyIn(passage: string): ProposedValue | null {
  const match = MONEY.exec(passage);
  if (!match) return null;
  const amount = Number((match[1] ?? match[3] ?? "").replace(/,/g, ""));
  const scale = (match[2] ?? match[4] ?? "").toLowerCase();
  const factor = /^(m|mn|million)$/.test(scale)
    ? 1e6
    : /^(bn|billion)$/.test(scale)
      ? 1e9
      : /^(k|thousand)$/.test(scale)
        ? 1e3
        : 1;
  return Number.isFinite(amount) ? { kind: "money", value: String(Math.round(amount * factor)) } : null;
}

/** The first number that is not a year, a date's part, a percentage or money. */
function numberIn(passage: string): ProposedValue | null {
  for (const match of passage.matchAll(NUMBER)) {
    const value = match[1]!.replace(/,/g, "");
    if (/^(19|20)\d{2}$/.test(value)) continue;
    return { kind: "number", value };
  }
  return null;
}

function month(name: string): string {
  const index = MONTHS.findIndex((candidate) => candidate.startsWith(name.toLowerCase().slice(0, 3)));
  return pad(String(index + 1));
}

function pad(value: string): string {
  return value.padStart(2, "0");
}
