import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RenderPool } from "../../src/letters/pool/render-pool.ts";
import { aLetter } from "../support/letter-factory.ts";
import { tempDir } from "../support/render-cli.ts";

// The pool renders in worker processes and replaces each worker after a
// number of letters: every letter must still come out, exactly once.

const letters = (count: number) =>
  Array.from({ length: count }, (_, i) => aLetter({ id: `letter-${i}`, salutation: `Dear Person ${i}` }));

describe("render pool", () => {
  it.each([1, 3, 1000])(
    "writes every letter once when workers are replaced every %i letters",
    async (recycleAfter) => {
      const dir = tempDir();
      const done: number[] = [];
      const pool = new RenderPool({ workers: 2, recycleAfter });
      const files = await pool.renderBatch({
        letters: letters(11),
        formats: ["txt", "html"],
        dir,
        options: { pdfStandard: "ua-1" },
        onLetterDone: (count) => done.push(count),
      });
      expect(files).toHaveLength(22);
      expect(readdirSync(dir)).toHaveLength(22);
      expect(done).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
      expect(readFileSync(`${dir}/letter-7.txt`, "utf8")).toContain("Dear Person 7,");
    },
  );

  it("rejects with the letter's error and stops", async () => {
    const pool = new RenderPool({ workers: 2, recycleAfter: 100 });
    const bad = aLetter({ id: "wide", address: ["A".repeat(120)] });
    await expect(
      pool.renderBatch({
        letters: [...letters(4), bad],
        formats: ["pdf"],
        dir: tempDir(),
        options: { pdfStandard: "ua-1" },
      }),
    ).rejects.toMatchObject({
      code: "address_too_long",
      location: { file: "recipients.csv", line: 2, column: "name" },
    });
  });
});
