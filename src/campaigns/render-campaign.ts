import { basename, join } from "node:path";
import type { CampaignFolder } from "../files/read-campaign-folder.ts";
import type { StagedOutput } from "../files/staged-output.ts";
import type { Format, Letter, RenderOptions } from "../letters/model.ts";
import type { BatchRequest } from "../letters/pool/render-pool.ts";
import type { RenderedFile } from "../letters/pool/messages.ts";
import { prepareLetters } from "./prepare-letters.ts";

export interface RenderCampaignOptions {
  campaignDir: string;
  outDir: string;
  formats: Format[];
  options: RenderOptions;
  onProgress?: (done: number, total: number) => void;
}

export interface RenderCampaignDeps {
  readCampaignFolder(dir: string): Promise<CampaignFolder>;
  stageOutput(outDir: string): Promise<StagedOutput>;
  renderBatch(request: BatchRequest): Promise<RenderedFile[]>;
}

export interface RenderCampaignResult {
  campaign: string;
  letters: Letter[];
  files: { recipient: string; format: Format; file: string; bytes: number }[];
}

/** Renders one letter per recipient in every format: all of them, or nothing. */
export async function renderCampaign(
  { campaignDir, outDir, formats, options, onProgress }: RenderCampaignOptions,
  deps: RenderCampaignDeps,
): Promise<RenderCampaignResult> {
  const folder = await deps.readCampaignFolder(campaignDir);
  const letters = prepareLetters(folder);
  const staged = await deps.stageOutput(outDir);
  try {
    const rendered = await deps.renderBatch({
      letters,
      formats,
      dir: staged.dir,
      options,
      ...(onProgress ? { onLetterDone: onProgress } : {}),
    });
    await staged.commit();
    const files = rendered
      .map((file) => {
        const name = basename(file.path);
        const recipient = name.slice(0, -(file.format.length + 1));
        return { recipient, format: file.format, file: join(outDir, name), bytes: file.bytes };
      })
      .sort((a, b) => a.file.localeCompare(b.file));
    return { campaign: folder.id, letters, files };
  } catch (error) {
    await staged.abort();
    throw error;
  }
}
