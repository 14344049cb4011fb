import { checkCampaignDocuments } from "./review/check-documents.ts";
import type { ReviewDeps } from "./review/review-deps.ts";
import { setPublication, type SetPublicationOptions } from "./set-publication.ts";

export type ChangePublicationOptions = SetPublicationOptions & {
  onProgress?: (done: number, total: number) => void;
};

/**
 * Publishes or unpublishes. Publishing a campaign checks its unchecked
 * documents first, so every one that passes goes out with it.
 */
export async function changePublication(options: ChangePublicationOptions, deps: ReviewDeps) {
  if (options.published && options.target.entity === "campaign") {
    await checkCampaignDocuments(
      {
        campaign: options.target.campaign,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      },
      deps,
    );
  }
  return setPublication(options, deps);
}
