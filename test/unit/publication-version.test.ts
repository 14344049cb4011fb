import { describe, expect, it } from "vitest";
import { BUSY_WAIT_MS, publicationVersion } from "../../src/web/public/publication-version.ts";

// The public cache's version on a busy embedded database: the last one read,
// after a short wait, rather than a page held up for a whole transaction.

/** A database whose reads answer when told to. */
function slowReads() {
  const waiting: ((version: string) => void)[] = [];
  return {
    read: () => new Promise<string>((resolve) => waiting.push(resolve)),
    answer: (version: string) => waiting.shift()?.(version),
  };
}

describe("the publication version", () => {
  it("uses the last version read when the embedded database is busy, and the new one once it answers", async () => {
    const db = slowReads();
    const current = publicationVersion(db.read, async () => true);
    const first = current();
    db.answer("7");
    expect(await first).toEqual({ version: "7", busy: false });

    const started = Date.now();
    expect(await current()).toEqual({ version: "7", busy: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(BUSY_WAIT_MS - 5);
    db.answer("8"); // the read left in the background finishes
    const next = current();
    db.answer("8");
    expect(await next).toEqual({ version: "8", busy: false });
  });

  it("always waits on PostgreSQL, where a read never waits for a writer", async () => {
    const db = slowReads();
    const current = publicationVersion(db.read, async () => false);
    const first = current();
    db.answer("1");
    await first;
    const second = current();
    setTimeout(() => db.answer("2"), BUSY_WAIT_MS * 2);
    expect(await second).toEqual({ version: "2", busy: false });
  });
});
