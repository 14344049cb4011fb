import { PostbagError } from "../errors.ts";
import type { CampaignFolder } from "../files/read-campaign-folder.ts";
import { composeLetter, type LetterFrame } from "../letters/compose-letter.ts";
import type { Letter } from "../letters/model.ts";
import { checkPlaceholders } from "../letters/template/expand-template.ts";
import { parseTemplate } from "../letters/template/parse-template.ts";
import { checkPrintable } from "./check-printable.ts";
import { readRecipientList, type RecipientList } from "./recipients.ts";

/**
 * Checks a campaign folder as a whole (template against columns, every
 * recipient row) and composes every letter. Throws before any letter is made
 * if anything is wrong, naming the file, line or row and column.
 */
export function prepareLetters(folder: CampaignFolder): Letter[] {
  return prepareCampaign(folder).letters;
}

/** The checked recipient list and every recipient's letter, in file order. */
export function prepareCampaign(folder: CampaignFolder): { list: RecipientList; letters: Letter[] } {
  const { list, frame } = checkCampaign(folder);
  return { list, letters: list.recipients.map((recipient) => composeLetter(frame, recipient)) };
}

/** What a long piece of work has done so far: its step, and how far through it. */
export type Progress = (step: string, done: number, total: number) => void | Promise<void>;

/** Letters composed between two looks at the event loop: a few tens of milliseconds' work. */
const LETTERS_PER_STEP = 250;

/**
 * The same as prepareCampaign, a few hundred letters at a time, giving the
 * event loop back between them (so a server answering other requests keeps
 * answering) and saying how far it got.
 */
export async function prepareCampaignInSteps(
  folder: CampaignFolder,
  onProgress: Progress = () => {},
): Promise<{ list: RecipientList; letters: Letter[] }> {
  const { list, frame } = checkCampaign(folder);
  const letters: Letter[] = [];
  const total = list.recipients.length;
  for (let start = 0; start < total; start += LETTERS_PER_STEP) {
    for (const recipient of list.recipients.slice(start, start + LETTERS_PER_STEP)) {
      letters.push(composeLetter(frame, recipient));
    }
    await onProgress("Preparing the letters", letters.length, total);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { list, letters };
}

/** Checks the folder as a whole, giving the recipients and the frame every letter shares. */
function checkCampaign(folder: CampaignFolder): { list: RecipientList; frame: LetterFrame } {
  const template = parseTemplate(folder.letter.source, folder.letter.file);
  const list = readRecipientList(folder.recipients, template.flags);
  checkPlaceholders(template, list.columns, folder.letter.file);
  checkFootnotes(folder.letter.source, folder.letter.file);
  checkPrintable(folder, template, list);
  const { config } = folder;
  const frame: LetterFrame = {
    title: config.title,
    date: config.date,
    sender: config.sender,
    signatory: { name: config.signatory.name, role: config.signatory.role, signature: folder.signature },
    template,
    recipientsFile: list.file,
    rowLabel: list.rowLabel,
    columnName: list.columnName,
  };
  return { list, frame };
}

const DEFINITION = /^ {0,3}\[\^([^\]\s]+)\]:/gm;
const REFERENCE = /\[\^([^\]\s]+)\](?!:)/g;

/** A footnote reference with no note would print as "[^x]": refuse it. */
function checkFootnotes(source: string, file: string): void {
  const defined = new Set([...source.matchAll(DEFINITION)].map((match) => match[1]));
  for (const match of source.matchAll(REFERENCE)) {
    if (!defined.has(match[1])) {
      const line = source.slice(0, match.index).split("\n").length;
      throw new PostbagError(
        "template",
        `footnote [^${match[1]}] is referenced but has no note "[^${match[1]}]: …"`,
        {
          file,
          line,
        },
      );
    }
  }
}
