import type { Adapters, Offered } from "../../composition/adapters.ts";
import type { importCampaign } from "./import-campaign.ts";
import type { recordSent } from "./record-sent.ts";
import type { recordReply } from "./record-reply.ts";
import type { updateItem } from "./update-item.ts";
import type { withdrawLetter } from "./withdraw-letter.ts";
import type { campaignStatus } from "./campaign-status.ts";
import type { overdueLetters } from "./overdue-letters.ts";
import type { chaseLetters } from "../chasers/chase-letters.ts";
import type { exportStatus, statusFile } from "./export-status.ts";
import type { listCampaigns } from "../queries/list-campaigns.ts";
import type { repliesOverTime } from "../queries/replies-over-time.ts";
import type { letterDetail } from "../queries/letter-detail.ts";
import type { listChasers } from "../queries/list-chasers.ts";
import type { replyFile } from "../queries/reply-file.ts";
import type { findTask } from "../../tasks/background-tasks.ts";
import type { verifyAudit } from "../../store/audit.ts";
import type * as auditTrail from "../queries/audit-trail.ts";

/** A campaign's records: imported, sent, replied to, chased; its status, board and history. */
export interface RecordsSlice {
  importCampaign: Offered<typeof importCampaign>;
  recordSent: Offered<typeof recordSent>;
  recordReply: Offered<typeof recordReply>;
  updateItem: Offered<typeof updateItem>;
  withdrawLetter: Offered<typeof withdrawLetter>;
  campaignStatus: Offered<typeof campaignStatus>;
  overdueLetters: Offered<typeof overdueLetters>;
  chaseLetters: Offered<typeof chaseLetters>;
  exportStatus: Offered<typeof exportStatus>;
  statusFile: Offered<typeof statusFile>;
  listCampaigns: Offered<typeof listCampaigns>;
  repliesOverTime: Offered<typeof repliesOverTime>;
  letterDetail: Offered<typeof letterDetail>;
  auditTrail: Offered<typeof auditTrail.auditTrail>;
  auditTrailForLetter: Offered<typeof auditTrail.auditTrailForLetter>;
  listChasers: Offered<typeof listChasers>;
  replyFile: Offered<typeof replyFile>;
  /** A background task (a large recipients import) by id. */
  findTask: Offered<typeof findTask>;
  /** The audit log's hash chain checked end to end (postbag audit verify). */
  verifyAudit(): Promise<Awaited<ReturnType<typeof verifyAudit>>>;
}

export function recordsSlice({ database, fileStore, workspace, documents }: Adapters): RecordsSlice {
  const store = { database };
  return {
    // The same import web edits run (wired once, in services.ts).
    importCampaign: workspace.importCampaign,
    recordSent: async (options) => (await import("./record-sent.ts")).recordSent(options, store),
    recordReply: async (options) =>
      (await import("./record-reply.ts")).recordReply(options, {
        database,
        fileStore,
        extractText: documents.extractText,
      }),
    updateItem: async (options) => (await import("./update-item.ts")).updateItem(options, store),
    withdrawLetter: async (options) => (await import("./withdraw-letter.ts")).withdrawLetter(options, store),
    campaignStatus: async (options) => (await import("./campaign-status.ts")).campaignStatus(options, store),
    overdueLetters: async (options) => (await import("./overdue-letters.ts")).overdueLetters(options, store),
    chaseLetters: async (options) =>
      (await import("../chasers/chase-letters.ts")).chaseLetters(options, store),
    exportStatus: async (options) => (await import("./export-status.ts")).exportStatus(options, store),
    statusFile: async (options) => (await import("./export-status.ts")).statusFile(options, store),
    listCampaigns: async (options) =>
      (await import("../queries/list-campaigns.ts")).listCampaigns(options, store),
    repliesOverTime: async (options) =>
      (await import("../queries/replies-over-time.ts")).repliesOverTime(options, store),
    letterDetail: async (options) =>
      (await import("../queries/letter-detail.ts")).letterDetail(options, store),
    auditTrail: async (options) => (await import("../queries/audit-trail.ts")).auditTrail(options, store),
    auditTrailForLetter: async (options) =>
      (await import("../queries/audit-trail.ts")).auditTrailForLetter(options, store),
    listChasers: async (options) => (await import("../queries/list-chasers.ts")).listChasers(options, store),
    replyFile: async (options) =>
      (await import("../queries/reply-file.ts")).replyFile(options, { database, fileStore }),
    findTask: async (options) => (await import("../../tasks/background-tasks.ts")).findTask(options, store),
    verifyAudit: async () => (await import("../../store/audit.ts")).verifyAudit((await database()).db),
  };
}
