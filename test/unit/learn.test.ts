import { describe, expect, it } from "vitest";
import { alignLetters } from "../../src/learn/align/align-letters.ts";
import { settlePassages, type NoiseNote } from "../../src/learn/align/passages.ts";
import { bodyTokens, joinTokens } from "../../src/learn/align/tokens.ts";
import { addressColumns } from "../../src/learn/frame/address-columns.ts";
import { parseLetterDate } from "../../src/learn/frame/letter-date.ts";
import { learnCampaign } from "../../src/learn/learn-campaign.ts";
import { parseLetter } from "../../src/learn/parse/parse-letter.ts";
import { readPlainLetterText } from "../../src/learn/read/plain-letter-text.ts";
import { readLetterFile } from "../../src/learn/read/read-letter-file.ts";
import { parseTemplate } from "../../src/letters/template/parse-template.ts";
import { expandTemplate } from "../../src/letters/template/expand-template.ts";
import { markdownToModel } from "../../src/letters/template/markdown-to-model.ts";
import type { Block, Inline } from "../../src/letters/model.ts";

// The rules of learning, on small letters written here: reading the frame,
// lining letters up, telling noise from a real difference, and writing a
// template whose words are text, never markup.

interface TextLetter {
  file?: string;
  letterhead?: string[];
  date?: string;
  address?: string[];
  salutation?: string;
  paragraphs: string[];
  notes?: string[];
  signOff?: string;
}

function aTextLetter(letter: TextLetter): { file: string; text: string } {
  const parts = [
    ...(letter.letterhead ? [letter.letterhead.join("\n")] : []),
    letter.date ?? "13 October 2020",
    (letter.address ?? ["Jo Bloggs", "Chief Executive", "1 High Street", "Lewes", "BN7 2FZ"]).join("\n"),
    `${letter.salutation ?? "Dear Jo"},`,
    ...letter.paragraphs,
    `${letter.signOff ?? "Yours sincerely"},`,
    "Sam Smith\nDirector",
    ...(letter.notes ?? []).map((note, index) => `[^${index + 1}]: ${note}`),
  ];
  return readPlainLetterText(parts.join("\n\n"), letter.file ?? "letter.txt");
}

const tokens = (text: string) => bodyTokens([text]);

describe("reading a letter's frame", () => {
  it("reads the dates British and American letters print", () => {
    expect(parseLetterDate("13 October 2020")).toBe("2020-10-13");
    expect(parseLetterDate("3rd Sept 2021")).toBe("2021-09-03");
    expect(parseLetterDate("October 13, 2020")).toBe("2020-10-13");
    expect(parseLetterDate("13/10/2020")).toBe("2020-10-13");
    expect(parseLetterDate("Date: 2020-10-13")).toBe("2020-10-13");
    expect(parseLetterDate("31 February 2020")).toBeNull();
    expect(parseLetterDate("I wrote on 13 October 2020")).toBeNull();
  });

  it("finds the address above or below the date, and the letterhead above both", () => {
    const letter = parseLetter(
      readPlainLetterText(
        "Office of Things\nTel: 01234 567890\n\nJo Bloggs\nChief Executive\n1 High Street\nBN7 2FZ\n\n" +
          "1 March 2021\n\nDear Jo,\n\nThank you.\n\nKind regards,\n\nSam",
        "a.txt",
      ),
    );
    expect(letter).toMatchObject({
      letterhead: ["Office of Things", "Tel: 01234 567890"],
      address: ["Jo Bloggs", "Chief Executive", "1 High Street", "BN7 2FZ"],
      date: "2021-03-01",
      salutation: "Dear Jo",
      paragraphs: ["Thank you."],
      signOff: "Kind regards",
      signature: ["Sam"],
    });
  });

  it("refuses a letter with no salutation, naming the file", () => {
    expect(() => parseLetter(readPlainLetterText("Hello there.\n\nBye.", "notes/odd.txt"))).toThrow(
      /notes\/odd\.txt: no salutation/,
    );
  });

  it("joins a paragraph that a page foot's notes cut in two, and takes the notes out", () => {
    const letter = parseLetter(
      readPlainLetterText(
        "1 May 2021\n\nA Person\nA Title\n1 Road\n\nDear A,\n\nWe read the report¹ and would\n\n" +
          "¹ The report (2020)\n\nPage 1 of 2\n\nlike a copy of it.\n\nYours sincerely,\n\nB",
        "split.txt",
      ),
    );
    expect(letter.paragraphs).toEqual(["We read the report[^1] and would like a copy of it."]);
    expect([...letter.notes]).toEqual([["1", "The report (2020)"]]);
  });

  it("reads notes whose numbers lost their superscript", () => {
    const letter = parseLetter(
      readPlainLetterText(
        "1 May 2021\n\nA Title\n1 Road\n\nDear Sir or Madam,\n\nSee the announcement1 made in 2019.\n\n" +
          "1 Home Office (2019) Funding announced\n\nYours faithfully,\n\nB",
        "plain.txt",
      ),
    );
    expect(letter.paragraphs).toEqual(["See the announcement[^1] made in 2019."]);
    expect(letter.notes.get("1")).toBe("Home Office (2019) Funding announced");
  });

  it("tells a person's name from a title in the address", () => {
    expect(
      addressColumns(["Dr Alan Billings", "South Yorkshire PCC", "Carbrook", "S9 2EH"], "Dear Dr Billings"),
    ).toEqual({
      name: "Dr Alan Billings",
      title: "South Yorkshire PCC",
      lines: ["Carbrook"],
      postcode: "S9 2EH",
    });
    expect(
      addressColumns(["The Chief Executive", "Lewes Council", "Southover", "BN7 1AB"], "Dear Sir or Madam"),
    ).toEqual({
      name: "",
      title: "The Chief Executive",
      lines: ["Lewes Council", "Southover"],
      postcode: "BN7 1AB",
    });
    expect(addressColumns(["Ms Ana Ruiz", "Director", "Calle Mayor 1", "Madrid"], "Dear Ana").postcode).toBe(
      "",
    );
  });
});

describe("lining letters up", () => {
  it("keeps shared words and cuts out what differs", () => {
    const pieces = alignLetters([tokens("we met in Lewes on Monday"), tokens("we met in Hove on Monday")]);
    expect(pieces).toEqual([
      { kind: "same", tokens: ["we", "met", "in"] },
      { kind: "varies", values: [["Lewes"], ["Hove"]] },
      { kind: "same", tokens: ["on", "Monday"] },
    ]);
  });

  it("takes a pilcrow in a letter for a word, not a paragraph end", () => {
    const pieces = alignLetters([tokens("see ¶ 3 of the code"), tokens("see ¶ 4 of the code")]);
    expect(pieces[0]).toEqual({ kind: "same", tokens: ["see", "¶"] });
    expect(joinTokens(bodyTokens(["one ¶ two", "three"]), "\n\n")).toBe("one ¶ two\n\nthree");
  });

  it("settles a difference of punctuation alone for the most common reading, and reports it", () => {
    const noise: NoiseNote[] = [];
    const passages = settlePassages(
      alignLetters([tokens("the Act 2015 says"), tokens("the Act(2015 says"), tokens("the Act 2015 says")]),
      noise,
    );
    expect(passages).toEqual([{ kind: "same", tokens: ["the", "Act", "2015", "says"] }]);
    expect(noise).toEqual([{ letter: 1, read: "Act(2015", kept: "Act 2015" }]);
  });

  it("does not take a real difference for noise, however small", () => {
    const passages = settlePassages(
      alignLetters([tokens("pay £5 now."), tokens("pay £6 now."), tokens("pay £5 now.")]),
      [],
    );
    expect(passages.some((passage) => passage.kind === "varies")).toBe(true);
  });

  it("makes differences within one clause one passage, completed to the clause's edges", () => {
    const passages = settlePassages(
      alignLetters([
        tokens("Thank you. I was interested to read about the Lewes scheme for young people. Bye."),
        tokens(
          "Thank you. I was particularly interested to read about the Hove project for older people. Bye.",
        ),
        tokens("Thank you. I was interested to read about the Brighton work with schools. Bye."),
      ]),
      [],
    );
    const varying = passages.filter((passage) => passage.kind === "varies");
    expect(varying).toHaveLength(1);
    expect(varying[0]?.kind === "varies" && varying[0].values.map((value) => joinTokens(value))).toEqual([
      "I was interested to read about the Lewes scheme for young people.",
      "I was particularly interested to read about the Hove project for older people.",
      "I was interested to read about the Brighton work with schools.",
    ]);
  });
});

describe("learning a campaign from small letters", () => {
  const body = (place: string, extra: boolean) => [
    `We are writing about the plan${extra ? " and the review¹ published in May" : ""}.`,
    `Please tell us how the ${place} team will report on it by the end of the year.`,
  ];
  const letters = [
    aTextLetter({ file: "a.txt", paragraphs: body("Lewes", true), notes: ["The Review (2021)"] }),
    aTextLetter({ file: "b.txt", paragraphs: body("Hove and Portslade", false) }),
    aTextLetter({ file: "c.txt", paragraphs: body("Brighton", true), notes: ["The Review (2021)"] }),
  ];

  it("writes conditional text with its footnote, and a placeholder for what differs", () => {
    const learned = learnCampaign({ letters });
    expect(learned.letterMarkdown).toBe(
      "We are writing about the plan((review?? and the review[^1] published in May)).\n\n" +
        "Please tell us how the ((team)) team will report on it by the end of the year.\n\n" +
        "[^1]: The Review (2021)\n",
    );
    const flag = learned.recipients.columns.indexOf("review");
    expect(learned.recipients.rows.map((row) => row[flag])).toEqual(["yes", "no", "yes"]);
    expect(learned.campaign).toMatchObject({
      date: "2020-10-13",
      signatory: { name: "Sam Smith", role: "Director" },
    });
  });

  it("escapes shared words Markdown or the template language would act on, so they print as written", () => {
    const odd = (place: string) =>
      aTextLetter({
        paragraphs: [`Costs *rose* by 5_000 ((see)) now in ${place} this year, we hear.`],
      });
    const learned = learnCampaign({ letters: [odd("Lewes"), odd("Hove")] });
    const template = parseTemplate(learned.letterMarkdown, "letter.md");
    expect([...template.names.keys()]).toHaveLength(1);
    expect(learned.letterMarkdown).toContain("\\*rose\\* by 5\\_000 (\\(see)) now in ((");
    const fields = new Map([[[...template.names.keys()][0] ?? "", "Lewes"]]);
    const { body } = markdownToModel(expandTemplate(template, fields));
    // Printed as the letters printed it: no emphasis, no placeholder, no escapes.
    expect(JSON.stringify(body)).not.toContain('"t":"em"');
    expect(printedText(body)).toBe("Costs *rose* by 5_000 ((see)) now in Lewes this year, we hear.");
  });

  it("warns when the letters share too few words to be one campaign's", () => {
    const learned = learnCampaign({
      letters: [
        aTextLetter({ paragraphs: ["Thank you for the flowers you sent last week."] }),
        aTextLetter({ paragraphs: ["Please find enclosed our invoice for March, due now."] }),
      ],
    });
    expect(learned.report.warnings.join("\n")).toMatch(/share only \d+% of their words/);
    const related = learnCampaign({ letters });
    expect(related.report.warnings.join("\n")).not.toMatch(/share only/);
  });

  it("reads a letter saved as Windows-1252, curly quotes and all, and says the character set was guessed", async () => {
    const text = (place: string) =>
      `13 October 2020\n\nJo Bloggs\nChief Executive\n1 High Street\nBN7 2FZ\n\nDear Jo,\n\n` +
      `We read \u2018the plan\u2019 for ${place} \u2013 thank you.\n\nYours sincerely,\n\nSam Smith\nDirector\n`;
    const cp1252 = (value: string) =>
      Buffer.from(
        value.replace("\u2018", "\x91").replace("\u2019", "\x92").replace("\u2013", "\x96"),
        "latin1",
      );
    const learned = learnCampaign({
      letters: [
        await readLetterFile("old.txt", cp1252(text("Lewes"))),
        await readLetterFile("new.txt", Buffer.from(text("Hove"))),
      ],
    });
    expect(learned.letterMarkdown).toBe("We read \u2018the plan\u2019 for ((passage)) \u2013 thank you.\n");
    expect(learned.report.warnings).toEqual([
      "old.txt: the text is not UTF-8 and gave no character set: it was read as Windows-1252",
      "no letter has a letterhead: the sender is the signatory",
    ]);
  });

  it("keeps a value's markup characters as data in recipients.csv", () => {
    const learned = learnCampaign({
      letters: [
        aTextLetter({ paragraphs: ["Hello to the **bold** team, thanks."] }),
        aTextLetter({ paragraphs: ["Hello to the <i>odd</i> team, thanks."] }),
      ],
    });
    const values = learned.recipients.rows.map((row) => row[row.length - 1]);
    expect(values.join(" | ")).toMatch(/bold/);
  });
});

function printedText(blocks: Block[]): string {
  const inline = (node: Inline): string =>
    "v" in node ? node.v : "c" in node ? node.c.map(inline).join("") : "";
  return blocks.map((block) => ("c" in block ? block.c.map(inline).join("") : "")).join("\n");
}
