import type { Finding } from "../document.ts";
import { block, quote } from "./findings.ts";
import { pageTexts, withPdf } from "./pdf-reader.ts";

// A PDF edited with "incremental save" keeps every earlier revision: the new
// objects are appended after the old file, whose bytes are all still there.
// Each revision ends with %%EOF, so cutting the file after one gives that
// revision as it was. Words an earlier revision has and the last one lacks
// were removed by an edit, and are still in the file for anyone to recover.

export async function olderRevisionFindings(bytes: Uint8Array, finalText: string): Promise<Finding[]> {
  const ends = revisionEnds(bytes);
  if (ends.length < 2) return [];
  const final = new Set([...words(finalText)].map((word) => word.toLowerCase()));
  const findings: Finding[] = [];
  for (const [i, end] of ends.slice(0, -1).entries()) {
    let text: string;
    try {
      text = (await withPdf(bytes.subarray(0, end), pageTexts)).join("\n");
    } catch {
      // Not a whole document on its own (a linearized file's first part): nothing to compare.
      continue;
    }
    const lost = [...words(text)].filter((word) => !final.has(word.toLowerCase()));
    if (lost.length === 0) continue;
    findings.push(
      block(
        "pdf-older-revision",
        `revision ${i + 1} of ${ends.length}`,
        `An earlier version of this PDF is still inside it, with ${lost.length} words the final version lacks: ${quote(lost.slice(0, 12).join(" "), 120)}.`,
      ),
    );
  }
  return findings;
}

/** Where each revision ends: after each %%EOF marker and its line end. */
function revisionEnds(bytes: Uint8Array): number[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const ends: number[] = [];
  for (const match of text.matchAll(/%%EOF(\r\n|\r|\n)?/g)) ends.push(match.index + match[0].length);
  // Anything after the last marker belongs to the last revision.
  if (ends.length > 0) ends[ends.length - 1] = bytes.length;
  return ends;
}

/** Distinct words, in the order first found. */
function words(text: string): Set<string> {
  return new Set(text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []);
}
