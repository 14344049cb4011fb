import { recordReturned, type RecordReturnedOptions } from "../campaigns/records/record-returned.ts";
import { recordSent } from "../campaigns/records/record-sent.ts";
import { today } from "../campaigns/deadlines/iso-date.ts";
import type { LetterFile, LetterFileOptions } from "../campaigns/queries/letter-file.ts";
import type { Config } from "../config.ts";
import { PostbagError } from "../errors.ts";
import { sendPrecompiledLetter } from "../post/notify/notify-client.ts";
import type { PrintPackOptions, PrintPackSummary } from "../post/print-pack.ts";
import type { Database } from "../store/database.ts";
import { enqueueLetters, parseVia, type EnqueueOptions } from "./enqueue-letters.ts";
import { smtpMailer, type Mailer } from "./mailer.ts";
import { openSendQueue, type SendQueue } from "./send-queue.ts";
import { runSendWorker } from "./send-worker.ts";

export interface MailOutDeps {
  database(): Promise<Database>;
  letterFile(options: LetterFileOptions): Promise<LetterFile>;
  makePrintPack(options: PrintPackOptions): Promise<PrintPackSummary>;
}

/**
 * Sending, wired for services.ts: the queue (pg-boss) is opened on first use
 * and stopped by stopSending(), before the database closes.
 */
export function mailOutServices(config: Config, deps: MailOutDeps) {
  let queue: Promise<SendQueue> | undefined;
  let mailer: Mailer | undefined;
  const openQueue = async () =>
    (queue ??= deps.database().then((database) => openSendQueue(database, config.databaseUrl)));
  const store = { database: deps.database };
  return {
    /** Queues approved letters for email or Notify (see enqueue-letters.ts). */
    enqueueLetters: (options: EnqueueOptions) =>
      enqueueLetters(options, {
        database: deps.database,
        queue: openQueue,
        replyDomain: config.smtp.replyDomain,
      }),
    /**
     * By post, Postbag's part is the print pack: it is made into `out`, and its
     * letters are recorded as sent by post today (a dry run only says which).
     */
    async sendByPost(options: {
      campaign: string;
      recipient?: string | undefined;
      out: string;
      dryRun: boolean;
      actor: string;
    }) {
      parseVia("post");
      if (options.dryRun) {
        // What would go: the approved letters, each as a would-be "queued" line.
        const preview = await enqueueLetters(
          { ...options, via: "notify", dryRun: true },
          { database: deps.database, queue: openQueue, replyDomain: config.smtp.replyDomain },
        );
        return {
          campaign: options.campaign,
          via: "post" as const,
          dryRun: true,
          out: options.out,
          letters: preview.queued.map((letter) => letter.recipient),
        };
      }
      const pack = await deps.makePrintPack({
        campaign: options.campaign,
        recipient: options.recipient,
        out: options.out,
      });
      const sent = await recordSent(
        {
          campaign: options.campaign,
          recipient: options.recipient,
          on: today(),
          via: "post",
          actor: options.actor,
        },
        store,
      );
      return {
        campaign: options.campaign,
        via: "post" as const,
        dryRun: false,
        out: options.out,
        pack,
        sent: sent.sent,
      };
    },
    /** Works the send queue: until the campaign has nothing on its way, or until aborted (serve). */
    async runSendWorker(options: {
      campaign?: string;
      signal?: AbortSignal;
      progress?: (line: string) => void;
    }) {
      mailer ??= config.smtp.host ? smtpMailer(config.smtp) : undefined;
      return runSendWorker(
        {
          database: deps.database,
          queue: await openQueue(),
          letterFile: deps.letterFile,
          mailer,
          sendPrecompiledLetter(letter) {
            const { apiKey, baseUrl } = config.notify;
            if (!apiKey) {
              throw new PostbagError(
                "bad_input",
                "POSTBAG_NOTIFY_API_KEY is not set: Notify letters wait until it is",
              );
            }
            return sendPrecompiledLetter(letter, { apiKey, baseUrl, fetch });
          },
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
    recordReturned: (options: RecordReturnedOptions) => recordReturned(options, store),
    /** Stops the queue's timers (call before the database closes). */
    async stopSending() {
      mailer?.close();
      mailer = undefined;
      const opened = queue;
      queue = undefined;
      if (opened) await (await opened).stop();
    },
  };
}
