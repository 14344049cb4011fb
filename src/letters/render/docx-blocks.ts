import {
  AlignmentType,
  type ILevelsOptions,
  type IParagraphOptions,
  LevelFormat,
  PageBreak,
  Paragraph,
} from "docx";
import type { Block } from "../model.ts";
import { inlineRuns } from "./docx-inlines.ts";

/** What the first paragraph of a block takes from around it: its list number, a page break before it. */
type Lead = Pick<IParagraphOptions, "numbering" | "pageBreakBefore">;

// Word has list levels 0..8; deeper lists stay at the last one.
const LAST_LEVEL = 8;
const INDENT = 360;
const BULLETS = ["•", "–", "◦"];

/** Numbers each list of one document, so that every list counts from its own start. */
export class ListCounter {
  private lists = 0;
  next(): number {
    return ++this.lists;
  }
}

export function blockParagraphs(
  blocks: readonly Block[],
  lists: ListCounter,
  depth = -1,
  lead: Lead = {},
): Paragraph[] {
  const out: Paragraph[] = [];
  let pending = lead;
  for (const block of blocks) {
    // A break becomes "page break before" on what follows, so the next page starts with no empty line.
    if (block.t === "pagebreak") pending = { ...pending, pageBreakBefore: true };
    else {
      out.push(...oneBlock(block, lists, depth, pending));
      pending = {};
    }
  }
  if (pending.pageBreakBefore) out.push(new Paragraph({ children: [new PageBreak()] }));
  return out;
}

function oneBlock(
  block: Exclude<Block, { t: "pagebreak" }>,
  lists: ListCounter,
  depth: number,
  lead: Lead,
): Paragraph[] {
  const level = Math.min(depth, LAST_LEVEL);
  // A numbered paragraph takes its indent from its list level; later paragraphs of the item line up with it.
  const indent = lead.numbering || level < 0 ? {} : { indent: { left: INDENT * 2 * (level + 1) } };
  switch (block.t) {
    case "p":
      return [new Paragraph({ children: inlineRuns(block.c), ...indent, ...lead })];
    case "h":
      return [
        new Paragraph({ children: inlineRuns(block.c, { bold: true }), keepNext: true, ...indent, ...lead }),
      ];
    case "ul":
    case "ol": {
      const inner = Math.min(depth + 1, LAST_LEVEL);
      const reference = block.t === "ul" ? bulletList() : orderedList(block.start);
      const instance = lists.next();
      return block.items.flatMap((item, i) =>
        blockParagraphs(item, lists, depth + 1, {
          ...(i === 0 ? lead : {}),
          numbering: { reference, level: inner, instance },
        }),
      );
    }
  }
}

const levels = (level: (n: number) => Omit<ILevelsOptions, "level" | "style">): ILevelsOptions[] =>
  Array.from({ length: LAST_LEVEL + 1 }, (_, n) => ({
    level: n,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: INDENT * 2 * (n + 1), hanging: INDENT } } },
    ...level(n),
  }));

function bulletList() {
  return {
    reference: "bullets",
    levels: levels((n) => ({ format: LevelFormat.BULLET, text: BULLETS[n % BULLETS.length] ?? "•" })),
  };
}

function orderedList(start: number) {
  return {
    reference: `numbers-from-${start}`,
    levels: levels((n) => ({ format: LevelFormat.DECIMAL, text: `%${n + 1}.`, start })),
  };
}
