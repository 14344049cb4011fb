import type { Adapters, Offered } from "../composition/adapters.ts";
import { PostbagError } from "../errors.ts";
import type { PrecompiledLetter } from "../post/notify/notify-client.ts";
import type { LettersSlice } from "../letters/letters-slice.ts";
import type { EnqueueDeps } from "./enqueue-letters.ts";
import type { Mailer } from "./mailer.ts";
import type { SendQueue } from "./send-queue.ts";
import type { enqueueLetters } from "./enqueue-letters.ts";
import type { sendByPost } from "./send-by-post.ts";
import type { runSendWorker } from "./send-worker.ts";
import type { sendProblems } from "./send-problems.ts";

/** Sending: letters queued for email or GOV.UK Notify and worked off the queue, or packed for the post. */
export interface MailOutSlice {
  /** Queues approved letters for email or Notify (see enqueue-letters.ts). */
  enqueueLetters: Offered<typeof enqueueLetters>;
  sendByPost: Offered<typeof sendByPost>;
  /** Works the send queue: until the campaign has nothing on its way, or until aborted (serve). */
  runSendWorker(options: {
    campaign?: string;
    signal?: AbortSignal;
    progress?: (line: string) => void;
  }): ReturnType<typeof runSendWorker>;
  /** A campaign's letters whose last send failed or came back, still to be sent. */
  sendProblems: Offered<typeof sendProblems>;
  /** Stops the queue's timers and the mail connection (call before the database closes). */
  stopSending(): Promise<void>;
}

/**
 * The queue (pg-boss) is opened on first use, the SMTP connection with the
 * first email; both are stopped by stopSending().
 */
export function mailOutSlice(
  { config, database }: Adapters,
  letters: Pick<LettersSlice, "letterFile" | "makePrintPack">,
): MailOutSlice {
  let queue: Promise<SendQueue> | undefined;
  let mailer: Mailer | undefined;
  const openQueue = async () =>
    (queue ??= database().then(async (opened) =>
      (await import("./send-queue.ts")).openSendQueue(opened, config.databaseUrl, config.smtp.expireSeconds),
    ));
  const enqueueDeps: EnqueueDeps = { database, queue: openQueue, replyDomain: config.smtp.replyDomain };
  return {
    sendProblems: async (options) => (await import("./send-problems.ts")).sendProblems(options, { database }),
    enqueueLetters: async (options) =>
      (await import("./enqueue-letters.ts")).enqueueLetters(options, enqueueDeps),
    sendByPost: async (options) =>
      (await import("./send-by-post.ts")).sendByPost(options, {
        ...enqueueDeps,
        makePrintPack: letters.makePrintPack,
      }),
    async runSendWorker(options) {
      if (config.smtp.host) mailer ??= (await import("./mailer.ts")).smtpMailer(config.smtp);
      return (await import("./send-worker.ts")).runSendWorker(
        {
          database,
          queue: await openQueue(),
          letterFile: letters.letterFile,
          mailer,
          sendPrecompiledLetter: (letter) => sendThroughNotify(letter, config.notify),
          from: config.smtp.from,
          replyDomain: config.smtp.replyDomain,
          perMinute: config.smtp.perMinute,
          ...(options.progress ? { progress: options.progress } : {}),
        },
        {
          ...(options.campaign ? { campaign: options.campaign } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
        },
      );
    },
    async stopSending() {
      mailer?.close();
      mailer = undefined;
      const opened = queue;
      queue = undefined;
      if (opened) await (await opened).stop();
    },
  };
}

/** One letter through GOV.UK Notify's precompiled-letter API; without a key, the letter waits. */
async function sendThroughNotify(letter: PrecompiledLetter, notify: Adapters["config"]["notify"]) {
  if (!notify.apiKey) {
    throw new PostbagError("bad_input", "POSTBAG_NOTIFY_API_KEY is not set: Notify letters wait until it is");
  }
  const { sendPrecompiledLetter } = await import("../post/notify/notify-client.ts");
  return sendPrecompiledLetter(letter, { apiKey: notify.apiKey, baseUrl: notify.baseUrl, fetch });
}
