import { join } from "node:path";
import { approveLetters, type ApproveLettersOptions } from "./campaigns/records/approve-letters.ts";
import { campaignStatus } from "./campaigns/records/campaign-status.ts";
import { chaseLetters, type ChaseOptions } from "./campaigns/records/chase-letters.ts";
import { statusTable } from "./campaigns/records/status-table.ts";
import { importCampaign, type ImportCampaignOptions } from "./campaigns/records/import-campaign.ts";
import { ensureDemoCampaign } from "./campaigns/records/ensure-demo-campaign.ts";
import { overdueLetters } from "./campaigns/records/overdue-letters.ts";
import { recordReply, type RecordReplyOptions } from "./campaigns/records/record-reply.ts";
import { recordSent, type RecordSentOptions } from "./campaigns/records/record-sent.ts";
import { updateItem } from "./campaigns/records/update-item.ts";
import { prepareLetters } from "./campaigns/prepare-letters.ts";
import { renderCampaign, type RenderCampaignOptions } from "./campaigns/render-campaign.ts";
import type { Config } from "./config.ts";
import { fileStore } from "./files/file-store.ts";
import { databaseFileStore } from "./files/store/database-file-store.ts";
import { readCampaignFolder } from "./files/read-campaign-folder.ts";
import { stageOutput } from "./files/staged-output.ts";
import { writeTable } from "./files/write-table.ts";
import { RenderPool } from "./letters/pool/render-pool.ts";
import { DocumentPool } from "./documents/pool/document-pool.ts";
import { pooledDocuments } from "./documents/pool/pooled-documents.ts";
import { renderToBytes } from "./letters/pool/render-to-bytes.ts";
import { verifyAudit } from "./store/audit.ts";
import { copyToServer, type CopyToServerOptions } from "./store/copy/copy-to-server.ts";
import { openDatabase, type Database, type Opener } from "./store/database.ts";
import { addUser } from "./users/add-user.ts";
import { ensureAdmin } from "./users/ensure-admin.ts";
import { changeRole } from "./users/change-role.ts";
import { createApiToken } from "./users/create-api-token.ts";
import { findTokenUser } from "./users/find-token-user.ts";
import { listAllApiTokens, listApiTokens } from "./users/list-api-tokens.ts";
import { listUsers } from "./users/list-users.ts";
import { revokeApiToken } from "./users/revoke-api-token.ts";
import { findSessionUser, signOut } from "./users/sessions.ts";
import { setPassword } from "./users/set-password.ts";
import { changePassword } from "./users/change-password.ts";
import { setUserDisabled } from "./users/set-user-disabled.ts";
import { signIn } from "./users/sign-in.ts";
import { makePrintPack, type PrintPackOptions } from "./post/print-pack.ts";
import { PostbagError } from "./errors.ts";
import { sendPrecompiledLetter, type PrecompiledLetter } from "./post/notify/notify-client.ts";
import { ensureWorkspace, type WorkspaceDeps } from "./campaigns/workspace/campaign-workspace.ts";
import type { CampaignForm } from "./campaigns/workspace/campaign-form.ts";
import { campaignSources } from "./campaigns/workspace/campaign-sources.ts";
import { cleanWorkspace } from "./campaigns/workspace/clean-workspace.ts";
import { startRecipientsImport } from "./campaigns/workspace/import-recipients-task.ts";
import { failAbandonedTasks, findTask } from "./tasks/background-tasks.ts";
import { createCampaign } from "./campaigns/workspace/create-campaign.ts";
import {
  editRecipient,
  recipientFields,
  recipientRecord,
  type EditRecipientOptions,
  type RecipientRef,
} from "./campaigns/workspace/edit-recipient.ts";
import { importRecipients, type ImportRecipientsOptions } from "./campaigns/workspace/import-recipients.ts";
import {
  checkTemplate,
  previewTemplate,
  saveLetterTemplate,
  type SaveTemplateOptions,
  type TemplateDraft,
} from "./campaigns/workspace/save-letter-template.ts";
import {
  uploadCampaignZip,
  type UploadCampaignZipOptions,
} from "./campaigns/workspace/upload-campaign-zip.ts";
import { listCampaigns } from "./campaigns/queries/list-campaigns.ts";
import { repliesOverTime } from "./campaigns/queries/replies-over-time.ts";
import { auditTrail, auditTrailForLetter } from "./campaigns/queries/audit-trail.ts";
import { listOrganisations } from "./campaigns/queries/directory.ts";
import { letterDetail } from "./campaigns/queries/letter-detail.ts";
import { letterFile, type LetterFileOptions } from "./campaigns/queries/letter-file.ts";
import { listChasers } from "./campaigns/queries/list-chasers.ts";
import { replyFile, type ReplyFileOptions } from "./campaigns/queries/reply-file.ts";
import { saveContact } from "./campaigns/queries/save-contact.ts";
import { saveOrganisation } from "./campaigns/queries/save-organisation.ts";
import { mailOutServices } from "./mail-out/mail-out-services.ts";
import { publishingServices } from "./publishing/publishing-services.ts";
import { mailInDeps } from "./mail-in/mail-in-deps.ts";
import { receiveMessage, type ReceiveMessageOptions } from "./mail-in/receive-message.ts";
import { pollMailbox, startPolling, type PollResult } from "./mail-in/poll-mailbox.ts";
import {
  fileHeldMessage,
  fileTargets,
  heldMessages,
  ignoreHeldMessage,
  recentReplies,
  replySuggestions,
} from "./mail-in/holding-pen.ts";

interface Store {
  database(): Promise<Database>;
}

/** A use case that needs only the database, with it filled in. */
function onStore<Options, Result>(useCase: (options: Options, deps: Store) => Result, store: Store) {
  return (options: Options) => useCase(options, store);
}

// The composition root: the one place where use cases meet their adapters.
// The command line and the web app both build their services here.

export function createServices(config: Config, opener: Opener = { command: "postbag" }) {
  const pool = new RenderPool({ workers: config.renderWorkers, recycleAfter: config.recycleAfter });
  // Files from outside are opened in threads of their own, with a deadline (documents/pool).
  const documentPool = new DocumentPool({ timeoutMs: config.documentSeconds * 1000 });
  const documents = pooledDocuments(documentPool);
  // Opened on first use and migrated then: commands that need no database never open one.
  let opening: Promise<Database> | undefined;
  const database = () =>
    (opening ??= openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, opener }).then(
      async (db) => {
        await db.migrate();
        return db;
      },
    ));
  const store: Store = { database };
  // Stored files in the data folder, or (for servers sharing nothing but the database) in the database.
  const files =
    config.fileStore === "database" ? databaseFileStore(database) : fileStore(join(config.dataDir, "files"));
  // A web edit writes the campaign's sources (kept in the database) and the
  // change to data/campaigns/<id>, and imports it from there: a user's own
  // folder, imported from elsewhere, is never written.
  const workspace: WorkspaceDeps = {
    database,
    readCampaignFolder,
    importCampaign: (options) => importCampaign(options, { readCampaignFolder, database }),
    workspaceDir: join(config.dataDir, "campaigns"),
  };
  /** One letter's file: the stored PDF of an approved version, else rendered by the pool (Typst stays out of the web process). */
  const fileOfLetter = (options: LetterFileOptions) =>
    letterFile(options, {
      database,
      fileStore: files,
      renderLetter: async (letter, format) => {
        const bytes = (await renderToBytes(pool, [letter], format)).get(letter.id);
        if (!bytes) throw new Error(`the render pool made no ${format} file for ${letter.id}`);
        return bytes;
      },
    });
  const pollReplies = (log?: (line: string) => void) =>
    pollMailbox({
      imap: config.imap,
      database,
      receiveMessage: (options) => receiveMessage(options, mailInDeps(config, database, files, documents)),
      ...(log ? { log } : {}),
    });
  const printPack = (options: PrintPackOptions) =>
    makePrintPack(options, { database, fileStore: files, stageOutput });
  return {
    config,
    database,
    async close() {
      await documentPool.close();
      // A database that failed to open has nothing to close (its error was reported).
      const opened = await opening?.catch(() => undefined);
      await opened?.close();
    },
    renderCampaign: (options: RenderCampaignOptions) =>
      renderCampaign(options, {
        readCampaignFolder,
        stageOutput,
        renderBatch: (request) => pool.renderBatch(request),
      }),
    /** Every letter of a campaign folder, composed but not rendered (for previews). */
    previewLetters: async (campaignDir: string) => prepareLetters(await readCampaignFolder(campaignDir)),
    importCampaign: (options: ImportCampaignOptions) =>
      importCampaign(options, { readCampaignFolder, database }),
    approveLetters: (options: ApproveLettersOptions) =>
      approveLetters(options, {
        database,
        fileStore: files,
        renderPdfs: (letters) => renderToBytes(pool, letters, "pdf"),
      }),
    recordSent: (options: RecordSentOptions) => recordSent(options, store),
    makePrintPack: printPack,
    recordReply: (options: RecordReplyOptions) => recordReply(options, { database, fileStore: files }),
    campaignStatus: (options: { campaign: string; asOf: string }) => campaignStatus(options, store),
    overdueLetters: (options: { asOf: string }) => overdueLetters(options, store),
    chaseLetters: (options: ChaseOptions) => chaseLetters(options, { database }),
    async exportStatus(options: { campaign: string; asOf: string; format: "csv" | "xlsx"; out: string }) {
      const status = await campaignStatus(options, store);
      const table = statusTable(status);
      const bytes = await writeTable(options.out, table, options.format, status.title);
      return {
        campaign: status.campaign,
        out: options.out,
        format: options.format,
        rows: table.rows.length,
        bytes,
      };
    },
    addUser: (options: Parameters<typeof addUser>[0]) => addUser(options, store),
    ensureAdmin: () => ensureAdmin(config.admin, store),
    verifyAudit: async () => verifyAudit((await database()).db),
    listCampaigns: onStore(listCampaigns, store),
    repliesOverTime: onStore(repliesOverTime, store),
    letterDetail: onStore(letterDetail, store),
    auditTrail: onStore(auditTrail, store),
    auditTrailForLetter: onStore(auditTrailForLetter, store),
    listChasers: onStore(listChasers, store),
    replyFile: (options: ReplyFileOptions) => replyFile(options, { database, fileStore: files }),
    listOrganisations: () => listOrganisations(store),
    saveContact: onStore(saveContact, store),
    saveOrganisation: onStore(saveOrganisation, store),
    letterFile: fileOfLetter,
    /** The embedded database copied into a new PostgreSQL database (postbag copy-database). */
    copyDatabaseTo: (options: CopyToServerOptions) =>
      copyToServer(options, {
        database,
        databaseUrl: config.databaseUrl,
        fileStore: files,
        dataDir: config.dataDir,
      }),
    /** Runs `run` under a named lock held across servers (see Database.exclusively). */
    exclusively: async <T>(name: string, run: () => Promise<T>) => (await database()).exclusively(name, run),
    ensureDemoCampaign: () =>
      ensureDemoCampaign(
        { dir: config.demoCampaignDir, actor: "postbag:start" },
        { database, readCampaignFolder, importCampaign: workspace.importCampaign },
      ),
    ensureWorkspace: (options: { campaign: string; actor: string }) => ensureWorkspace(options, workspace),
    /** What a process killed half-way left behind: partial files, staging folders, never-imported campaigns. */
    async cleanUpAfterCrash(): Promise<string[]> {
      const partials = await files.removeOrphans();
      const folders = await cleanWorkspace(workspace);
      // The embedded database has one owner, so no task of another process can be running.
      const tasks = await failAbandonedTasks({ all: config.databaseUrl === undefined }, store);
      return [
        ...partials.map((name) => `files/${name}`),
        ...folders.map((name) => `campaigns/${name}`),
        ...(tasks > 0 ? [`${tasks} background task${tasks === 1 ? "" : "s"} that had stopped`] : []),
      ];
    },
    createCampaign: (options: { form: CampaignForm; actor: string }) => createCampaign(options, workspace),
    uploadCampaignZip: (options: UploadCampaignZipOptions) => uploadCampaignZip(options, workspace),
    campaignSources: (options: { campaign: string }) => campaignSources(options, workspace),
    checkTemplate: (options: TemplateDraft) => checkTemplate(options, workspace),
    previewTemplate: (options: TemplateDraft & { recipient: string }) => previewTemplate(options, workspace),
    saveLetterTemplate: (options: SaveTemplateOptions) => saveLetterTemplate(options, workspace),
    importRecipients: (options: ImportRecipientsOptions) => importRecipients(options, workspace),
    /** A large recipients file, imported as a background task: its id at once (see findTask). */
    startRecipientsImport: (
      options: Omit<ImportRecipientsOptions, "onProgress">,
      logError: (error: unknown) => void,
    ) => startRecipientsImport(options, { ...workspace, logError }),
    findTask: (options: { id: number; campaign: string }) => findTask(options, store),
    recipientFields: (options: RecipientRef) => recipientFields(options, workspace),
    recipientRecord: (options: RecipientRef) => recipientRecord(options, workspace),
    editRecipient: (options: EditRecipientOptions) => editRecipient(options, workspace),
    /** One letter through GOV.UK Notify's precompiled-letter API (the sending job calls it). */
    sendPrecompiledLetter(letter: PrecompiledLetter) {
      const { apiKey, baseUrl } = config.notify;
      if (!apiKey) {
        throw new PostbagError(
          "bad_input",
          "environment variable POSTBAG_NOTIFY_API_KEY: not set; sending through GOV.UK Notify needs a live API key",
        );
      }
      return sendPrecompiledLetter(letter, { apiKey, baseUrl, fetch });
    },
    signIn: onStore(signIn, store),
    findSessionUser: onStore(findSessionUser, store),
    signOut: onStore(signOut, store),
    createApiToken: onStore(createApiToken, store),
    findTokenUser: onStore(findTokenUser, store),
    listApiTokens: onStore(listApiTokens, store),
    revokeApiToken: onStore(revokeApiToken, store),
    listUsers: () => listUsers(store),
    changeRole: onStore(changeRole, store),
    setPassword: onStore(setPassword, store),
    changePassword: onStore(changePassword, store),
    setUserDisabled: onStore(setUserDisabled, store),
    listAllApiTokens: () => listAllApiTokens(store),
    // Replies in (src/mail-in): intake from IMAP or saved .eml files, and the holding pen.
    receiveMessage: (options: ReceiveMessageOptions) =>
      receiveMessage(options, mailInDeps(config, database, files, documents)),
    /** One round of the reply mailbox; waits for a round under way on another server to finish first. */
    pollMailbox: async (log?: (line: string) => void) =>
      (await database()).exclusively("imap-poll", () => pollReplies(log)),
    /** `serve`: polls the reply mailbox every POSTBAG_IMAP_POLL_SECONDS when IMAP is set; returns the stop function. */
    startReplyPolling(log: (line: string) => void): (() => void) | null {
      if (!config.imap.host) return null;
      // One poller at a time across servers: a round another is running is not run twice.
      const poll = async (): Promise<PollResult> => {
        const round = await (await database()).ifFree("imap-poll", () => pollReplies(log));
        return round.ran
          ? round.result
          : { mailbox: config.imap.mailbox, received: [], failed: [], lastUid: 0 };
      };
      return startPolling(poll, { seconds: config.imap.pollSeconds, log });
    },
    heldMessages: () => heldMessages(store),
    recentReplies: (options: { limit?: number }) => recentReplies(options, store),
    replySuggestions: onStore(replySuggestions, store),
    updateItem: onStore(updateItem, store),
    fileTargets: () => fileTargets(store),
    fileHeldMessage: (options: { id: number; campaign: string; recipient: string; actor: string }) =>
      fileHeldMessage(options, mailInDeps(config, database, files, documents)),
    ignoreHeldMessage: onStore(ignoreHeldMessage, store),
    // Publishing (src/publishing): the public site's reads, publication, checks and redaction.
    ...publishingServices({ database, fileStore: files, documents }),
    // Sending (issue 5, src/mail-out): enqueueLetters, sendByPost, runSendWorker, recordReturned, stopSending.
    ...mailOutServices(config, {
      database,
      makePrintPack: printPack,
      letterFile: fileOfLetter,
    }),
  };
}

export type Services = ReturnType<typeof createServices>;
