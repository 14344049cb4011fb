import { recordReply } from "../campaigns/records/record-reply.ts";
import type { Config } from "../config.ts";
import type { DocumentAdapters } from "../documents/pool/pooled-documents.ts";
import type { FileStore } from "../files/file-store.ts";
import type { Database } from "../store/database.ts";
import type { ReceiveDeps } from "./receive-message.ts";

/** What mail intake needs, wired from the composition root's adapters (services.ts). */
export function mailInDeps(
  config: Config,
  database: () => Promise<Database>,
  fileStore: FileStore,
  documents: Pick<DocumentAdapters, "extractText">,
): ReceiveDeps {
  return {
    database,
    fileStore,
    extractText: documents.extractText,
    replyDomain: config.smtp.replyDomain,
    recordReply: (options) => recordReply(options, { database, fileStore }),
  };
}
