import { PostbagError } from "../errors.ts";

// What a new password must be: at least 12 characters, and not easy to guess
// as judged by zxcvbn (zxcvbn-ts, MIT), which knows about 50,000 common
// passwords, keyboard runs, repeats, sequences, dates and the user's own
// email. A password that only repeats one character (twelve spaces) fails.

export const MIN_PASSWORD = 12;
/** zxcvbn's score runs 0–4; 3 is "safely unguessable: moderate protection from offline attacks". */
const MIN_SCORE = 3;

const WHY: Record<string, string> = {
  similarToCommon: "it is one of the most common passwords, or close to one",
  commonPasswords: "it is one of the most common passwords",
  topTen: "it is one of the ten most common passwords",
  topHundred: "it is one of the hundred most common passwords",
  simpleRepeat: "it repeats one character",
  extendedRepeat: "it repeats a few characters over and over",
  sequences: "it is a sequence like abcdef or 123456",
  straightRow: "it is a row of keys on a keyboard",
  keyPattern: "it is a pattern of keys on a keyboard",
  dates: "it is mostly a date",
  recentYears: "it is mostly a recent year",
  userInputs: "it is made of your email address or Postbag's name",
  namesByThemselves: "it is mostly a name",
  wordByItself: "it is a single word",
};

type Checker = (password: string, userInputs: string[]) => { score: number; warning: string | null };
let checker: Promise<Checker> | undefined;

/** zxcvbn with its common dictionary, loaded on first use (it holds 50,000 words). */
function loadChecker(): Promise<Checker> {
  return (checker ??= (async () => {
    const [{ ZxcvbnFactory }, common] = await Promise.all([
      import("@zxcvbn-ts/core"),
      import("@zxcvbn-ts/language-common"),
    ]);
    const zxcvbn = new ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs });
    return (password, userInputs) => {
      const result = zxcvbn.check(password, userInputs);
      return { score: result.score, warning: result.feedback.warning };
    };
  })());
}

/** Refuses a password that is too short or too easy to guess, saying why. */
export async function checkNewPassword(password: string, email = ""): Promise<void> {
  const refuse = (why: string) => new PostbagError("bad_input", why, { field: "password" });
  if (password.length < MIN_PASSWORD)
    throw refuse(`the password must have at least ${MIN_PASSWORD} characters`);
  const check = await loadChecker();
  const { score, warning } = check(password, [email, email.split("@")[0] ?? "", "postbag"].filter(Boolean));
  if (score < MIN_SCORE) {
    const reason = (warning && WHY[warning]) || "it is too easy to guess";
    throw refuse(`choose another password: ${reason}. A few unrelated words make a strong one`);
  }
}
