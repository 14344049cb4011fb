import { addressBlock } from "../../letters/address-block.ts";
import type { Letter } from "../../letters/model.ts";

/**
 * A full Letter from a stored version's content. The stored content leaves out
 * `source` (where the row sat in the file: moving a row must not change a
 * letter's hash), but renderers name it in their errors (an address line too
 * wide for the window), so it is rebuilt from the recipient's stored fields:
 * the address columns come out as addressBlock picks them when composing.
 */
export function storedLetter(
  content: unknown,
  campaign: string,
  recipient: { key: string; fields: Record<string, string> },
): Letter {
  const stored = content as Omit<Letter, "source">;
  const { columns } = addressBlock(new Map(Object.entries(recipient.fields)));
  return {
    ...stored,
    id: recipient.key,
    source: {
      file: `the stored letter to ${recipient.key} in campaign ${campaign}`,
      row: 0,
      rowLabel: "row",
      addressColumns: columns,
    },
  };
}
