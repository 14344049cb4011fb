import { join } from "node:path";
import { campaignsSlice, type CampaignsSlice } from "./campaigns/workspace/campaigns-slice.ts";
import type { WorkspaceDeps } from "./campaigns/workspace/campaign-workspace.ts";
import { recordsSlice, type RecordsSlice } from "./campaigns/records/records-slice.ts";
import type { Adapters } from "./composition/adapters.ts";
import type { Config } from "./config.ts";
import { digestSlice, type DigestSlice } from "./digest/digest-slice.ts";
import { DocumentPool } from "./documents/pool/document-pool.ts";
import { pooledDocuments } from "./documents/pool/pooled-documents.ts";
import { OcrPool } from "./documents/ocr/ocr-pool.ts";
import { fileStore } from "./files/file-store.ts";
import { databaseFileStore } from "./files/store/database-file-store.ts";
import { lettersSlice, type LettersSlice } from "./letters/letters-slice.ts";
import { RenderPool } from "./letters/pool/render-pool.ts";
import { mailInSlice, type MailInSlice } from "./mail-in/mail-in-slice.ts";
import { mailOutSlice, type MailOutSlice } from "./mail-out/mail-out-slice.ts";
import { publishingSlice, type PublishingSlice } from "./publishing/publishing-slice.ts";
import type { CopyToServerOptions } from "./store/copy/copy-to-server.ts";
import { openDatabase, type Database, type Opener } from "./store/database.ts";
import { usersSlice, type UsersSlice } from "./users/users-slice.ts";
import type { copyToServer } from "./store/copy/copy-to-server.ts";

// The composition root: the one place where use cases meet their adapters.
// The command line and the web app both build their services here. Each
// feature is a slice with its own interface (letters, records, campaigns,
// mail out, mail in, publishing, users), and a route or command is given
// only the slices it uses. A slice loads a use case's modules on its first
// call, so a command starts with only what it runs.

/** What the whole process shares, beside the features. */
export interface Runtime {
  config: Config;
  /** The database, opened (and migrated) on first use: commands that need none never open one. */
  database(): Promise<Database>;
  /** Stops the document threads and the send queue, and closes the database. */
  close(): Promise<void>;
  /** Runs `run` under a named lock held across servers (see Database.exclusively). */
  exclusively<T>(name: string, run: () => Promise<T>): Promise<T>;
  /** What a process killed half-way left behind: partial files, staging folders, tasks that had stopped. */
  cleanUpAfterCrash(): Promise<string[]>;
  /** The embedded database copied into a new PostgreSQL database (postbag copy-database). */
  copyDatabaseTo(options: CopyToServerOptions): Promise<Awaited<ReturnType<typeof copyToServer>>>;
}

export type Services = Runtime &
  LettersSlice &
  RecordsSlice &
  CampaignsSlice &
  MailOutSlice &
  MailInSlice &
  PublishingSlice &
  UsersSlice &
  DigestSlice;

export function createServices(config: Config, opener: Opener = { command: "postbag" }): Services {
  const renderPool = new RenderPool({ workers: config.renderWorkers, recycleAfter: config.recycleAfter });
  // Files from outside are opened in threads of their own, with a deadline (documents/pool).
  const documentPool = new DocumentPool({ timeoutMs: config.documentSeconds * 1000 });
  // Scans are read by Tesseract in worker processes of their own (documents/ocr).
  const ocrPool =
    config.ocr.workers > 0
      ? new OcrPool({
          workers: config.ocr.workers,
          languages: config.ocr.languages,
          pageTimeoutMs: config.documentSeconds * 1000,
        })
      : undefined;
  let opening: Promise<Database> | undefined;
  const database = () =>
    (opening ??= openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, opener }).then(
      async (db) => {
        await db.migrate();
        return db;
      },
    ));
  // Stored files in the data folder, or (for servers sharing nothing but the database) in the database.
  const files =
    config.fileStore === "database" ? databaseFileStore(database) : fileStore(join(config.dataDir, "files"));
  // A web edit writes the campaign's sources (kept in the database) and the
  // change to data/campaigns/<id>, and imports it from there: a user's own
  // folder, imported from elsewhere, is never written.
  const readCampaignFolder: WorkspaceDeps["readCampaignFolder"] = async (dir) =>
    (await import("./files/read-campaign-folder.ts")).readCampaignFolder(dir);
  const workspace: WorkspaceDeps = {
    database,
    readCampaignFolder,
    importCampaign: async (options) =>
      (await import("./campaigns/records/import-campaign.ts")).importCampaign(options, {
        readCampaignFolder,
        database,
      }),
    workspaceDir: join(config.dataDir, "campaigns"),
  };
  const adapters: Adapters = {
    config,
    database,
    fileStore: files,
    documents: pooledDocuments(documentPool, ocrPool),
    renderPool,
    workspace,
  };
  const letters = lettersSlice(adapters);
  const records = recordsSlice(adapters);
  const mailOut = mailOutSlice(adapters, letters);
  const runtime: Runtime = {
    config,
    database,
    async close() {
      await documentPool.close();
      await ocrPool?.close();
      // The send queue's own connections and timers, before the database they use.
      await mailOut.stopSending();
      // A database that failed to open has nothing to close (its error was reported).
      const opened = await opening?.catch(() => undefined);
      await opened?.close();
    },
    exclusively: async (name, run) => (await database()).exclusively(name, run),
    async cleanUpAfterCrash() {
      const partials = await files.removeOrphans();
      const { cleanWorkspace } = await import("./campaigns/workspace/clean-workspace.ts");
      const folders = await cleanWorkspace(workspace);
      // The embedded database has one owner, so no task of another process can be running.
      const { failAbandonedTasks } = await import("./tasks/background-tasks.ts");
      const tasks = await failAbandonedTasks({ all: config.databaseUrl === undefined }, { database });
      return [
        ...partials.map((name) => `files/${name}`),
        ...folders.map((name) => `campaigns/${name}`),
        ...(tasks > 0 ? [`${tasks} background task${tasks === 1 ? "" : "s"} that had stopped`] : []),
      ];
    },
    copyDatabaseTo: async (options) =>
      (await import("./store/copy/copy-to-server.ts")).copyToServer(options, {
        database,
        databaseUrl: config.databaseUrl,
        fileStore: files,
        dataDir: config.dataDir,
      }),
  };
  return {
    ...runtime,
    ...letters,
    ...records,
    ...campaignsSlice(adapters),
    ...mailOut,
    ...mailInSlice(adapters, records),
    ...publishingSlice(adapters),
    ...usersSlice(adapters),
    ...digestSlice(adapters),
  };
}
