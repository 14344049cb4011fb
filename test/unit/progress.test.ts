import { describe, expect, it } from "vitest";
import { progressBar } from "../../src/cli/progress.ts";

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  const stream = { isTTY, write: (chunk: string) => written.push(chunk) } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe("progress bar", () => {
  it("draws on a terminal", () => {
    const { stream, written } = fakeStream(true);
    const bar = progressBar("Rendering letters", stream);
    bar.update(1, 4);
    bar.update(4, 4);
    bar.end();
    expect(written[0]).toMatch(/^\rRendering letters \[#{8}-{22}\] 1\/4 \(\d+\/s\)$/);
    expect(written[1]).toMatch(/\[#{30}\] 4\/4/);
    expect(written[2]).toBe("\n");
  });

  it("stays quiet when output is not a terminal", () => {
    const { stream, written } = fakeStream(false);
    const bar = progressBar("Rendering letters", stream);
    bar.update(1, 4);
    bar.end();
    expect(written).toEqual([]);
  });
});
