import type { Adapters, Offered } from "../composition/adapters.ts";
import { stageOutput } from "../files/staged-output.ts";
import { renderToBytes } from "./pool/render-to-bytes.ts";
import { renderOne } from "./render/render-one.ts";
import type { renderCampaign } from "../campaigns/render-campaign.ts";
import type { approveLetters } from "../campaigns/records/approve-letters.ts";
import type { letterFile } from "../campaigns/queries/letter-file.ts";
import type { makePrintPack } from "../post/print-pack.ts";

/** Letters rendered (PDF, DOCX, HTML, text), approved with their PDFs kept, and packed for the post. */
export interface LettersSlice {
  /** A campaign folder's letters rendered into a folder (postbag render). */
  renderCampaign: Offered<typeof renderCampaign>;
  approveLetters: Offered<typeof approveLetters>;
  /** One letter's file: the stored PDF of an approved version, else rendered (a PDF by the pool). */
  letterFile: Offered<typeof letterFile>;
  makePrintPack: Offered<typeof makePrintPack>;
}

export function lettersSlice({ database, fileStore, renderPool, workspace }: Adapters): LettersSlice {
  return {
    renderCampaign: async (options) =>
      (await import("../campaigns/render-campaign.ts")).renderCampaign(options, {
        readCampaignFolder: workspace.readCampaignFolder,
        stageOutput,
        renderBatch: (request) => renderPool.renderBatch(request),
      }),
    approveLetters: async (options) =>
      (await import("../campaigns/records/approve-letters.ts")).approveLetters(options, {
        database,
        fileStore,
        renderPdfs: (letters) => renderToBytes(renderPool, letters, "pdf"),
      }),
    letterFile: async (options) =>
      (await import("../campaigns/queries/letter-file.ts")).letterFile(options, {
        database,
        fileStore,
        renderLetter: (letter, format) => renderOne(renderPool, letter, format),
      }),
    makePrintPack: async (options) =>
      (await import("../post/print-pack.ts")).makePrintPack(options, { database, fileStore, stageOutput }),
  };
}
