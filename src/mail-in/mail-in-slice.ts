import type { Adapters, Offered, OfferedWithoutOptions } from "../composition/adapters.ts";
import type { RecordsSlice } from "../campaigns/records/records-slice.ts";
import { startPolling, type PollResult } from "./poll-mailbox.ts";
import type { ReceiveDeps } from "./receive-message.ts";
import type { receiveMessage } from "./receive-message.ts";
import type * as pen from "./holding-pen.ts";

/** Replies in: messages from IMAP or saved .eml files matched to their letters, the rest held for a person. */
export interface MailInSlice {
  receiveMessage: Offered<typeof receiveMessage>;
  /** One round of the reply mailbox; waits for a round under way on another server to finish first. */
  pollMailbox(log?: (line: string) => void): Promise<PollResult>;
  /** `serve`: polls the reply mailbox every POSTBAG_IMAP_POLL_SECONDS when IMAP is set; returns the stop function. */
  startReplyPolling(log: (line: string) => void): (() => void) | null;
  heldMessages: OfferedWithoutOptions<typeof pen.heldMessages>;
  recentReplies: Offered<typeof pen.recentReplies>;
  replySuggestions: Offered<typeof pen.replySuggestions>;
  fileTargets: OfferedWithoutOptions<typeof pen.fileTargets>;
  fileHeldMessage: Offered<typeof pen.fileHeldMessage>;
  ignoreHeldMessage: Offered<typeof pen.ignoreHeldMessage>;
}

export function mailInSlice(
  { config, database, fileStore }: Adapters,
  records: Pick<RecordsSlice, "recordReply">,
): MailInSlice {
  const store = { database };
  const intake: ReceiveDeps = {
    database,
    fileStore,
    replyDomain: config.smtp.replyDomain,
    recordReply: records.recordReply,
  };
  const receiveMessage: MailInSlice["receiveMessage"] = async (options) =>
    (await import("./receive-message.ts")).receiveMessage(options, intake);
  const pollOnce = async (log?: (line: string) => void) =>
    (await import("./poll-mailbox.ts")).pollMailbox({
      imap: config.imap,
      database,
      receiveMessage,
      ...(log ? { log } : {}),
    });
  return {
    receiveMessage,
    pollMailbox: async (log) => (await database()).exclusively("imap-poll", () => pollOnce(log)),
    startReplyPolling(log) {
      if (!config.imap.host) return null;
      // One poller at a time across servers: a round another is running is not run twice.
      const poll = async (): Promise<PollResult> => {
        const round = await (await database()).ifFree("imap-poll", () => pollOnce(log));
        return round.ran
          ? round.result
          : { mailbox: config.imap.mailbox, received: [], failed: [], lastUid: 0 };
      };
      return startPolling(poll, { seconds: config.imap.pollSeconds, log });
    },
    heldMessages: async () => (await import("./holding-pen.ts")).heldMessages(store),
    recentReplies: async (options) => (await import("./holding-pen.ts")).recentReplies(options, store),
    replySuggestions: async (options) => (await import("./holding-pen.ts")).replySuggestions(options, store),
    fileTargets: async () => (await import("./holding-pen.ts")).fileTargets(store),
    fileHeldMessage: async (options) => (await import("./holding-pen.ts")).fileHeldMessage(options, intake),
    ignoreHeldMessage: async (options) =>
      (await import("./holding-pen.ts")).ignoreHeldMessage(options, store),
  };
}
