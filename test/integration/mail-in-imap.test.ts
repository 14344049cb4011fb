import { join } from "node:path";
import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileStore } from "../../src/files/file-store.ts";
import { openDatabase } from "../../src/store/database.ts";
import { freshDatabase, type TestDatabase } from "../support/databases.ts";
import { DOVECOT_REASON, NO_DOVECOT, startDovecot, type ThrowawayImap } from "../support/dovecot.ts";
import { commandOn } from "../support/records.ts";
import { fixture, REPLY_DOMAIN, sentCampaign } from "../fixtures/mail/sent-campaign.ts";

// IMAP intake end to end: a real dovecot on loopback, messages APPENDed with
// imapflow, and `postbag replies poll --once` reading them into a database.

describe.skipIf(NO_DOVECOT)(NO_DOVECOT ? DOVECOT_REASON : "replies in: IMAP", () => {
  let imap: ThrowawayImap;
  let test: TestDatabase;

  async function append(name: string) {
    const client = new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: imap.user, pass: imap.password },
      logger: false,
    });
    await client.connect();
    try {
      await client.append("INBOX", fixture(name));
    } finally {
      await client.logout();
    }
  }

  beforeAll(async () => {
    imap = await startDovecot();
    test = await freshDatabase("pglite");
    const database = await openDatabase(test.location);
    await database.migrate();
    await sentCampaign(database, fileStore(join(test.location.dataDir, "files")));
    await database.close();
  }, 60_000);
  afterAll(async () => {
    await imap?.stop();
    await test?.drop();
  });

  const poll = () =>
    commandOn({ ...test, env: { ...test.env, ...imap.env, POSTBAG_REPLY_DOMAIN: REPLY_DOMAIN } }).json([
      "replies",
      "poll",
      "--once",
    ]);

  it("reads new messages once, and only the new ones after", async () => {
    await append("01-token-reply.eml");
    await append("02-in-reply-to.eml");
    const first = await poll();
    expect(first.failed).toEqual([]);
    expect(first.received).toMatchObject([
      { uid: 1, state: "matched", matchedBy: "token", duplicate: false },
      { uid: 2, state: "matched", matchedBy: "headers", duplicate: false },
    ]);
    expect(first.lastUid).toBe(2);

    expect(await poll()).toMatchObject({ received: [], failed: [], lastUid: 2 });

    await append("07-dsn-bounce.eml");
    const third = await poll();
    expect(third.received).toMatchObject([{ uid: 3, kind: "bounce", duplicate: false }]);
    expect(third.lastUid).toBe(3);
  }, 120_000);
});
