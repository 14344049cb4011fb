import { createHash } from "node:crypto";
import type { Letter } from "../../letters/model.ts";
import { canonical } from "../../store/audit.ts";

/**
 * The letter as frozen on approval: everything printed, nothing about where
 * its row sat in the file (moving a row does not change a letter).
 */
export function letterContent(letter: Letter): Omit<Letter, "source"> {
  const { source: _source, ...content } = letter;
  return content;
}

export function contentHash(content: unknown): string {
  return createHash("sha256").update(canonical(content)).digest("hex");
}
