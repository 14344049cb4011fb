import { eq } from "drizzle-orm";
import type { ImapFlow } from "imapflow";
import { PostbagError } from "../errors.ts";
import type { Config } from "../config.ts";
import type { Database } from "../store/database.ts";
import { mailboxCursors } from "../store/schema.ts";
import type { ReceiveMessageOptions, ReceivedMessage } from "./receive-message.ts";

// Reading the reply mailbox over IMAP: every message after the last UID read
// (all of them again if the server renumbered the mailbox: UIDVALIDITY
// changed; receiving is idempotent, so re-reads change nothing). The cursor
// moves on only past messages that were stored; a message that fails is
// logged and the rest are still read (it is tried again next time).

export interface PollDeps {
  imap: Config["imap"];
  database(): Promise<Database>;
  receiveMessage(options: ReceiveMessageOptions): Promise<ReceivedMessage>;
  log?: (line: string) => void;
}

export interface PollResult {
  mailbox: string;
  received: (ReceivedMessage & { uid: number })[];
  failed: { uid: number; error: string }[];
  lastUid: number;
}

export async function pollMailbox(deps: PollDeps): Promise<PollResult> {
  const { imap } = deps;
  if (!imap.host || !imap.user) {
    throw new PostbagError(
      "bad_input",
      "environment variables POSTBAG_IMAP_HOST and POSTBAG_IMAP_USER: not set; polling for replies needs an IMAP mailbox",
    );
  }
  const log = deps.log ?? (() => {});
  // imapflow is loaded only by a process that polls (it is large: a command starts without it).
  const { ImapFlow: Client } = await import("imapflow");
  const client: ImapFlow = new Client({
    host: imap.host,
    port: imap.port,
    secure: imap.security === "tls",
    doSTARTTLS: imap.security === "starttls" ? true : imap.security === "none" ? false : undefined,
    auth: { user: imap.user, pass: imap.password ?? "" },
    logger: false,
    disableAutoIdle: true,
  });
  await client.connect();
  const result: PollResult = { mailbox: imap.mailbox, received: [], failed: [], lastUid: 0 };
  try {
    const lock = await client.getMailboxLock(imap.mailbox);
    try {
      const mailbox = client.mailbox;
      if (!mailbox) throw new Error(`the mailbox "${imap.mailbox}" could not be opened`);
      const uidValidity = Number(mailbox.uidValidity);
      const { db } = await deps.database();
      const [cursor] = await db.select().from(mailboxCursors).where(eq(mailboxCursors.mailbox, imap.mailbox));
      let lastUid = cursor && cursor.uidValidity === uidValidity ? cursor.lastUid : 0;
      if (cursor && cursor.uidValidity !== uidValidity) {
        log(`mailbox ${imap.mailbox}: UIDVALIDITY changed, reading every message again`);
      }
      const save = (uid: number) =>
        db
          .insert(mailboxCursors)
          .values({ mailbox: imap.mailbox, uidValidity, lastUid: uid })
          .onConflictDoUpdate({ target: mailboxCursors.mailbox, set: { uidValidity, lastUid: uid } });
      await save(lastUid);
      const found = (await client.search({ uid: `${lastUid + 1}:*` }, { uid: true })) || [];
      // "n:*" always names the newest message, even when its UID is below n.
      const uids = found.filter((uid) => uid > lastUid).sort((a, b) => a - b);
      // The cursor stays below the first failure, so that message is read again next time.
      let blocked = false;
      for (const uid of uids) {
        try {
          const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
          if (!message || !message.source) throw new Error("the server sent no message");
          const received = await deps.receiveMessage({ raw: message.source, source: "imap" });
          result.received.push({ ...received, uid });
          if (!blocked) {
            lastUid = uid;
            await save(lastUid);
          }
        } catch (error) {
          blocked = true;
          const text = error instanceof Error ? error.message : String(error);
          result.failed.push({ uid, error: text });
          log(`mailbox ${imap.mailbox}: message UID ${uid} was not received: ${text}`);
        }
      }
      result.lastUid = lastUid;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return result;
}

/**
 * Polls every `pollSeconds` until stopped; a failed poll (server down) is
 * logged and tried again next time. Returns the function that stops it.
 */
export function startPolling(
  poll: () => Promise<PollResult>,
  options: { seconds: number; log(line: string): void },
) {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const run = async () => {
    try {
      const result = await poll();
      if (result.received.length > 0 || result.failed.length > 0) {
        options.log(`replies: ${result.received.length} received, ${result.failed.length} failed`);
      }
    } catch (error) {
      options.log(`replies: polling failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!stopped) timer = setTimeout(() => void run(), options.seconds * 1000);
  };
  timer = setTimeout(() => void run(), 0);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
