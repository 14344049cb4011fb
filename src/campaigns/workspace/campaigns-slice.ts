import type { Adapters, Offered, OfferedWithoutOptions } from "../../composition/adapters.ts";
import type { createCampaign } from "./create-campaign.ts";
import type { uploadCampaignZip } from "./upload-campaign-zip.ts";
import type { campaignSources } from "./campaign-sources.ts";
import type { importRecipients } from "./import-recipients.ts";
import type { startRecipientsImport } from "./import-recipients-task.ts";
import type { listOrganisations } from "../queries/directory.ts";
import type { saveContact } from "../queries/save-contact.ts";
import type { saveOrganisation } from "../queries/save-organisation.ts";
import type * as template from "./save-letter-template.ts";
import type * as recipient from "./edit-recipient.ts";
import type * as settings from "./campaign-settings.ts";

/**
 * Campaigns made and edited in the web app (each edit staged in the
 * workspace and imported, see campaign-workspace.ts), and the directory of
 * public bodies they write to.
 */
export interface CampaignsSlice {
  createCampaign: Offered<typeof createCampaign>;
  uploadCampaignZip: Offered<typeof uploadCampaignZip>;
  campaignSources: Offered<typeof campaignSources>;
  checkTemplate: Offered<typeof template.checkTemplate>;
  previewTemplate: Offered<typeof template.previewTemplate>;
  saveLetterTemplate: Offered<typeof template.saveLetterTemplate>;
  importRecipients: Offered<typeof importRecipients>;
  campaignSettings: Offered<typeof settings.campaignSettings>;
  saveCampaignSettings: Offered<typeof settings.saveCampaignSettings>;
  /** A large recipients file, imported as a background task: its id at once (see RecordsSlice.findTask). */
  startRecipientsImport(
    options: Parameters<typeof startRecipientsImport>[0],
    logError: (error: unknown) => void,
  ): Promise<number>;
  recipientFields: Offered<typeof recipient.recipientFields>;
  recipientRecord: Offered<typeof recipient.recipientRecord>;
  editRecipient: Offered<typeof recipient.editRecipient>;
  listOrganisations: OfferedWithoutOptions<typeof listOrganisations>;
  saveContact: Offered<typeof saveContact>;
  saveOrganisation: Offered<typeof saveOrganisation>;
  /** The demo campaign (POSTBAG_DEMO_CAMPAIGN), imported on first start only. */
  ensureDemoCampaign(): Promise<{ campaign: string; imported: boolean }>;
}

export function campaignsSlice({ config, database, workspace }: Adapters): CampaignsSlice {
  const store = { database };
  return {
    createCampaign: async (options) =>
      (await import("./create-campaign.ts")).createCampaign(options, workspace),
    uploadCampaignZip: async (options) =>
      (await import("./upload-campaign-zip.ts")).uploadCampaignZip(options, workspace),
    campaignSources: async (options) =>
      (await import("./campaign-sources.ts")).campaignSources(options, workspace),
    checkTemplate: async (options) =>
      (await import("./save-letter-template.ts")).checkTemplate(options, workspace),
    previewTemplate: async (options) =>
      (await import("./save-letter-template.ts")).previewTemplate(options, workspace),
    saveLetterTemplate: async (options) =>
      (await import("./save-letter-template.ts")).saveLetterTemplate(options, workspace),
    campaignSettings: async (options) =>
      (await import("./campaign-settings.ts")).campaignSettings(options, workspace),
    saveCampaignSettings: async (options) =>
      (await import("./campaign-settings.ts")).saveCampaignSettings(options, workspace),
    importRecipients: async (options) =>
      (await import("./import-recipients.ts")).importRecipients(options, workspace),
    startRecipientsImport: async (options, logError) =>
      (await import("./import-recipients-task.ts")).startRecipientsImport(options, {
        ...workspace,
        logError,
      }),
    recipientFields: async (options) =>
      (await import("./edit-recipient.ts")).recipientFields(options, workspace),
    recipientRecord: async (options) =>
      (await import("./edit-recipient.ts")).recipientRecord(options, workspace),
    editRecipient: async (options) => (await import("./edit-recipient.ts")).editRecipient(options, workspace),
    listOrganisations: async () => (await import("../queries/directory.ts")).listOrganisations(store),
    saveContact: async (options) => (await import("../queries/save-contact.ts")).saveContact(options, store),
    saveOrganisation: async (options) =>
      (await import("../queries/save-organisation.ts")).saveOrganisation(options, store),
    ensureDemoCampaign: async () =>
      (await import("../records/ensure-demo-campaign.ts")).ensureDemoCampaign(
        { dir: config.demoCampaignDir, actor: "postbag:start" },
        workspace,
      ),
  };
}
