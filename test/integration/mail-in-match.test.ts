import { extractText } from "../../src/replies/extract-text.ts";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { recordReply } from "../../src/campaigns/records/record-reply.ts";
import { fileStore } from "../../src/files/file-store.ts";
import {
  fileHeldMessage,
  heldMessages,
  ignoreHeldMessage,
  replySuggestions,
} from "../../src/mail-in/holding-pen.ts";
import { receiveMessage, type ReceiveDeps } from "../../src/mail-in/receive-message.ts";
import { auditTrailForLetter } from "../../src/campaigns/queries/audit-trail.ts";
import { openDatabase, type Database } from "../../src/store/database.ts";
import {
  fileTexts,
  files,
  inboundMessages,
  letters,
  outboundMessages,
  recipients,
  replies,
  replyFiles,
} from "../../src/store/schema.ts";
import { describeOnEachDatabase, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { commandOn } from "../support/records.ts";
import { tempDir } from "../support/render-cli.ts";
import { fixture, MAIL, REPLY_DOMAIN, SENT, sentCampaign } from "../fixtures/mail/sent-campaign.ts";

// Replies in, from saved messages written for these tests to look like what
// Outlook, Gmail, Exchange and Postfix really send (test/fixtures/mail).
// Sending is built elsewhere, so the letters are "sent" by recording them
// sent and writing their outbound_messages rows (Message-ID, reply token):
// test/fixtures/mail/sent-campaign.ts.

describeOnEachDatabase("replies in: matching", (kind) => {
  let test: TestDatabase;
  let database: Database;
  const store = fileStore(tempDir("postbag-files-"));
  const deps: ReceiveDeps = {
    database: async () => database,
    fileStore: store,
    replyDomain: REPLY_DOMAIN,
    recordReply: (options) =>
      recordReply(options, { database: async () => database, fileStore: store, extractText }),
  };
  const receive = (name: string) => receiveMessage({ raw: fixture(name), source: "eml" }, deps);

  async function letterOf(key: string) {
    const [row] = await database.db
      .select({ letter: letters })
      .from(letters)
      .innerJoin(recipients, eq(recipients.id, letters.recipientId))
      .where(and(eq(recipients.key, key), eq(letters.kind, "letter")));
    return row!.letter;
  }
  const repliesTo = async (key: string) =>
    database.db
      .select()
      .from(replies)
      .where(eq(replies.letterId, (await letterOf(key)).id));

  beforeAll(async () => {
    test = await freshDatabase(kind);
    database = await openDatabase(test.location);
    await database.migrate();
    await sentCampaign(database, store);
  });
  afterAll(async () => {
    await database?.close();
    await test?.drop();
  });

  it("matches a reply by the token in the address it was sent to", async () => {
    const received = await receive("01-token-reply.eml");
    expect(received).toMatchObject({ kind: "reply", state: "matched", matchedBy: "token", duplicate: false });
    expect((await letterOf("nottinghamshire")).state).toBe("replied");
    const [reply] = await repliesTo("nottinghamshire");
    expect(reply).toMatchObject({ channel: "email", receivedOn: "2020-10-20" });
    expect(reply!.sender).toContain("paddy.office@nottinghamshire.pcc.police.uk");
    expect(reply!.text).toContain("Our updates on progress on delivery are in our annual report");
    expect(received.replyId).toBe(reply!.id);
  });

  it("matches a reply by In-Reply-To when it has no token", async () => {
    expect(await receive("02-in-reply-to.eml")).toMatchObject({ state: "matched", matchedBy: "headers" });
    const [reply] = await repliesTo("thames-valley");
    expect(reply!.text).toContain("Please find our Response Strategy on our website");
  });

  it("does not count auto-replies, even with our token and headers", async () => {
    const outlook = await receive("05-outlook-automatic-reply.eml");
    expect(outlook).toMatchObject({ kind: "auto-reply", state: "matched", replyId: null });
    const away = await receive("06-out-of-office.eml");
    expect(away).toMatchObject({ kind: "auto-reply", replyId: null });
    expect(await repliesTo("essex")).toEqual([]);
    expect(await repliesTo("sussex")).toEqual([]);
    expect((await letterOf("essex")).state).toBe("sent");
  });

  it("matches by the sender's domain when exactly one open letter has it", async () => {
    expect(await receive("03-domain-reply.eml")).toMatchObject({ state: "matched", matchedBy: "domain" });
    expect((await repliesTo("sussex"))[0]!.text).toContain("Katy has asked me to reply");
  });

  it("holds a message nobody can match", async () => {
    const received = await receive("04-unrelated.eml");
    expect(received).toMatchObject({ kind: "reply", state: "held", letterId: null, replyId: null });
    expect((await heldMessages(deps)).map((held) => held.subject)).toContain(
      "Save the date: Safeguarding conference 2021",
    );
  });

  it("a delay warning records the delay on the letter, and returns nothing", async () => {
    // The same report as 07-dsn-bounce.eml, as a server that is still trying words it.
    const warning = fixture("07-dsn-bounce.eml")
      .toString("latin1")
      .replace("Subject: Undelivered Mail Returned to Sender", "Subject: Delayed Mail (still being retried)")
      .replace("Action: failed", "Action: delayed")
      .replace("Status: 5.1.1", "Status: 4.4.1");
    const received = await receiveMessage({ raw: Buffer.from(warning, "latin1"), source: "eml" }, deps);
    expect(received).toMatchObject({ kind: "bounce", state: "matched", replyId: null });
    expect(received.problems.join()).toContain("delivery was delayed");
    expect((await letterOf("south-yorkshire")).state).toBe("sent");
    const trail = await auditTrailForLetter({ campaign: "vru-2020", recipient: "south-yorkshire" }, deps);
    expect(trail.map((entry) => entry.action)).toContain("letter.delivery-delayed");
  });

  it("a permanent bounce returns its letter and is not a reply", async () => {
    const received = await receive("07-dsn-bounce.eml");
    expect(received).toMatchObject({ kind: "bounce", state: "matched", replyId: null });
    expect((await letterOf("south-yorkshire")).state).toBe("returned");
    expect(await repliesTo("south-yorkshire")).toEqual([]);
    const [outbound] = await database.db
      .select()
      .from(outboundMessages)
      .where(eq(outboundMessages.replyToken, SENT["south-yorkshire"][1]));
    expect(outbound!.state).toBe("returned");
    expect(outbound!.lastError).toContain("550 5.1.1");
  });

  it("keeps attachments once by hash, with their text, and suggests the items they answer", async () => {
    const received = await receive("08-attachments.eml");
    expect(received).toMatchObject({ state: "matched", matchedBy: "token", problems: [] });
    const [reply] = await repliesTo("essex");
    const attached = await database.db.select().from(replyFiles).where(eq(replyFiles.replyId, reply!.id));
    expect(attached.map((file) => file.name).sort()).toEqual([
      "Essex SNA 2020.pdf",
      "Response Strategy.docx",
    ]);
    // The Windows-1252/Latin-1 body is read right.
    expect(reply!.text).toContain("£ figures are in the annex");
    const texts = await database.db.select().from(fileTexts);
    const textOf = (name: string) =>
      texts.find((row) => row.fileHash === attached.find((file) => file.name === name)!.fileHash);
    expect(textOf("Essex SNA 2020.pdf")!.text).toContain("Strategic Needs Assessment 2020");
    expect(textOf("Response Strategy.docx")!.text).toContain("Response Strategy 2020 to 2021");
    const suggested = await replySuggestions({ reply: reply!.id, subject: received.subject }, deps);
    expect(suggested.map((suggestion) => suggestion.itemId)).toEqual(
      expect.arrayContaining(["needs-assessment", "response-strategy"]),
    );

    // The same files sent again by someone else are stored once.
    const again = fixture("08-attachments.eml")
      .toString("latin1")
      .replaceAll(SENT.essex[1], SENT.nottinghamshire[1])
      .replace("<AM0PR02MB5555EE@", "<AM0PR02MB7777FF@");
    const second = await receiveMessage({ raw: Buffer.from(again, "latin1"), source: "eml" }, deps);
    expect(second).toMatchObject({ state: "matched", matchedBy: "token" });
    for (const file of attached) {
      expect(await database.db.select().from(files).where(eq(files.hash, file.fileHash))).toHaveLength(1);
      expect(
        await database.db.select().from(fileTexts).where(eq(fileTexts.fileHash, file.fileHash)),
      ).toHaveLength(1);
      expect(
        await database.db.select().from(replyFiles).where(eq(replyFiles.fileHash, file.fileHash)),
      ).toHaveLength(2);
    }
  });

  it("receiving the same message twice changes nothing", async () => {
    const count = async () => ({
      inbound: (await database.db.select().from(inboundMessages)).length,
      replies: (await database.db.select().from(replies)).length,
    });
    const before = await count();
    const first = await receive("01-token-reply.eml");
    expect(first).toMatchObject({ duplicate: true, state: "matched", matchedBy: "token" });
    const bounce = await receive("07-dsn-bounce.eml");
    expect(bounce.duplicate).toBe(true);
    expect(await count()).toEqual(before);
  });

  it("stores malformed MIME and an unknown charset with their problems, held", async () => {
    const broken = await receive("09-malformed-mime.eml");
    expect(broken).toMatchObject({ state: "held", subject: "Our documents" });
    expect(broken.problems).toEqual([expect.stringContaining('boundary "==BOUNDARY-A==" never appears')]);
    const charset = await receive("10-unknown-charset.eml");
    expect(charset.state).toBe("held");
    expect(charset.problems).toEqual([expect.stringContaining('"x-unknown" is not known')]);
  });

  it("keeps a reply whose attachment is over 100 MB, without that file, and says so", async () => {
    const big = Buffer.alloc(100 * 1024 * 1024 + 1, 0x41).toString("base64");
    const raw = Buffer.from(
      [
        "From: Thames Valley <correspondence@thamesvalley-pcc.gov.uk>",
        `To: replies+${SENT["thames-valley"][1]}@${REPLY_DOMAIN}`,
        "Subject: Our full archive",
        "Date: Wed, 28 Oct 2020 10:00:00 +0000",
        "Message-ID: <huge.1@thamesvalley-pcc.gov.uk>",
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="b1"',
        "",
        "--b1",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Here is everything, and our Response Strategy.",
        "--b1",
        'Content-Type: text/plain; name="strategy.txt"',
        'Content-Disposition: attachment; filename="strategy.txt"',
        "",
        "Response Strategy 2020",
        "--b1",
        'Content-Type: application/octet-stream; name="archive.zip"',
        'Content-Disposition: attachment; filename="archive.zip"',
        "Content-Transfer-Encoding: base64",
        "",
        big.replace(/.{76}/g, "$&\r\n"),
        "--b1--",
        "",
      ].join("\r\n"),
    );
    const received = await receiveMessage({ raw, source: "imap" }, deps);
    expect(received).toMatchObject({ state: "matched", matchedBy: "token" });
    expect(received.problems).toEqual([
      expect.stringContaining('"archive.zip" (100 MB) is larger than 100 MB'),
    ]);
    const reply = (await repliesTo("thames-valley")).find((row) => row.id === received.replyId)!;
    expect(reply.text).toContain("Here is everything");
    expect(reply.text).toContain('the attachment "archive.zip" was larger than 100 MB and was not kept');
    const kept = await database.db.select().from(replyFiles).where(eq(replyFiles.replyId, reply.id));
    expect(kept.map((file) => file.name)).toEqual(["strategy.txt"]);
  }, 120_000);

  it("a person files a held message to a letter, or ignores it", async () => {
    const held = await heldMessages(deps);
    const unrelated = held.find((message) => message.subject.startsWith("Save the date"))!;
    const { reply } = await fileHeldMessage(
      { id: unrelated.id, campaign: "vru-2020", recipient: "essex", actor: "ed@example.org" },
      deps,
    );
    const [row] = await database.db
      .select()
      .from(inboundMessages)
      .where(eq(inboundMessages.id, unrelated.id));
    expect(row).toMatchObject({ state: "filed", matchedBy: "person", replyId: reply });
    expect((await repliesTo("essex")).map((r) => r.id)).toContain(reply);
    await expect(
      fileHeldMessage({ id: unrelated.id, campaign: "vru-2020", recipient: "essex", actor: "ed" }, deps),
    ).rejects.toMatchObject({ code: "conflict" });

    // A letter that cannot take a reply (returned) leaves the message held, with the reason.
    const broken = held.find((message) => message.subject === "Our documents")!;
    await expect(
      fileHeldMessage(
        { id: broken.id, campaign: "vru-2020", recipient: "south-yorkshire", actor: "ed" },
        deps,
      ),
    ).rejects.toMatchObject({ code: "invalid_transition" });
    expect((await heldMessages(deps)).map((message) => message.id)).toContain(broken.id);
    await ignoreHeldMessage({ id: broken.id, actor: "ed" }, deps);
    expect((await heldMessages(deps)).map((message) => message.id)).not.toContain(broken.id);
  });

  it("`postbag replies import` takes in .eml files and says what became of each", async () => {
    await database.close();
    try {
      const env = { ...test.env, POSTBAG_REPLY_DOMAIN: REPLY_DOMAIN };
      const command = commandOn({ ...test, env });
      const result = await command.json([
        "replies",
        "import",
        join(MAIL, "01-token-reply.eml"),
        join(MAIL, "04-unrelated.eml"),
      ]);
      expect(result).toMatchObject([
        { duplicate: true, state: "matched", matchedBy: "token" },
        { duplicate: true, state: "filed", matchedBy: "person" },
      ]);
      const text = await command.run(["replies", "import", join(MAIL, "06-out-of-office.eml")]);
      expect(text.status).toBe(0);
      expect(text.stdout).toContain("already received");
      const missing = await command.run(["replies", "import", join(MAIL, "nope.eml")]);
      expect(missing.status).toBe(2);
    } finally {
      database = await openDatabase(test.location);
    }
  });
});
