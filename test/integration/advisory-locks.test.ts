import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/store/database.ts";
import { freshDatabase, POSTGRES_REASON, skipDatabase, type TestDatabase } from "../support/databases.ts";

// Named locks across servers on one PostgreSQL (two pools here, as two
// servers would have): what the IMAP poller, first start, migrations and
// campaign edits take turns on.

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(skipDatabase("postgres"))(
  skipDatabase("postgres") ? POSTGRES_REASON : "advisory locks across servers",
  () => {
    let test: TestDatabase;
    let one: Database;
    let other: Database;
    beforeAll(async () => {
      test = await freshDatabase("postgres", { empty: true });
      [one, other] = await Promise.all([openDatabase(test.location), openDatabase(test.location)]);
      await Promise.all([one.migrate(), other.migrate()]);
    });
    afterAll(async () => {
      await Promise.all([one?.close(), other?.close()]);
      await test?.drop();
    });

    it("lets exactly one of two servers poll at a time; the other skips its round", async () => {
      const log: string[] = [];
      const round = (name: string) => async () => {
        log.push(`${name} starts`);
        await later(300);
        log.push(`${name} ends`);
        return name;
      };
      const [first, second] = await Promise.all([
        one.ifFree("imap-poll", round("one")),
        later(50).then(() => other.ifFree("imap-poll", round("other"))),
      ]);
      expect(first).toEqual({ ran: true, result: "one" });
      expect(second).toEqual({ ran: false });
      expect(log).toEqual(["one starts", "one ends"]);
      // Once free, the other takes it.
      expect(await other.ifFree("imap-poll", round("other"))).toEqual({ ran: true, result: "other" });
    });

    it("makes a waiter wait until the holder is done, and runs both", async () => {
      const log: string[] = [];
      const work = (name: string, ms: number) => async () => {
        log.push(`${name} starts`);
        await later(ms);
        log.push(`${name} ends`);
      };
      await Promise.all([
        one.exclusively("campaign:vru-2020", work("one", 300)),
        later(50).then(() => other.exclusively("campaign:vru-2020", work("other", 10))),
        later(50).then(() => other.exclusively("campaign:another", work("unrelated", 10))),
      ]);
      expect(log.filter((line) => !line.startsWith("unrelated"))).toEqual([
        "one starts",
        "one ends",
        "other starts",
        "other ends",
      ]);
      // A lock on another name is not held up by it.
      expect(log.indexOf("unrelated ends")).toBeLessThan(log.indexOf("one ends"));
    });
  },
);
