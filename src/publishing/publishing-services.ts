import type { DocumentAdapters } from "../documents/pool/pooled-documents.ts";
import type { FileStore } from "../files/file-store.ts";
import type { Database } from "../store/database.ts";
import { publicCampaign, publicCampaigns, publicLetter } from "./public-queries.ts";
import { searchFacets, searchPublic, type PublicSearchOptions } from "./search-public.ts";
import { setPublication, type SetPublicationOptions } from "./set-publication.ts";
import { addRedaction, type AddRedactionOptions } from "./review/add-redaction.ts";
import { checkCampaignDocuments, checkLetterDocuments } from "./review/check-documents.ts";
import { campaignPublished, letterPublication } from "./review/letter-publication.ts";
import { resolveFinding, type ResolveFindingOptions } from "./review/resolve-finding.ts";
import type { ReviewDeps } from "./review/review-deps.ts";

// The publishing use cases wired to their adapters (part of the composition
// root in services.ts). Every change to what is public bumps `publicVersion`,
// which the public site's page cache keys on, so an unpublished page is gone
// from this process at once.

export function publishingServices(deps: {
  database(): Promise<Database>;
  fileStore: FileStore;
  /** Checks, redaction and text of files from outside, in document threads. */
  documents: DocumentAdapters;
}) {
  const { database } = deps;
  const review: ReviewDeps = { database, fileStore: deps.fileStore, ...deps.documents };
  let version = 0;
  const changed = <T>(result: T): T => {
    version += 1;
    return result;
  };
  return {
    publicVersion: () => version,
    publicCampaigns: () => publicCampaigns({ database }),
    publicCampaign: (options: { campaign: string }) => publicCampaign(options, { database }),
    publicLetter: (options: { campaign: string; recipient: string }) => publicLetter(options, { database }),
    searchPublic: (options: PublicSearchOptions) => searchPublic(options, { database }),
    searchFacets: () => searchFacets({ database }),
    /** Where a public file's bytes are (a public copy or an approved letter PDF, by hash). */
    storedFilePath: (hash: string) => deps.fileStore.pathOf(hash),
    /** Publishing a campaign checks its unchecked documents first, so every one that passes goes out. */
    async setPublication(
      options: SetPublicationOptions & { onProgress?: (done: number, total: number) => void },
    ) {
      if (options.published && options.target.entity === "campaign") {
        await checkCampaignDocuments(
          {
            campaign: options.target.campaign,
            ...(options.onProgress ? { onProgress: options.onProgress } : {}),
          },
          review,
        );
      }
      return changed(await setPublication(options, { database }));
    },
    checkLetterDocuments: (options: { campaign: string; recipient: string }) =>
      checkLetterDocuments(options, review),
    letterPublication: (options: { campaign: string; recipient: string }) =>
      letterPublication(options, { database }),
    campaignPublished: (options: { campaign: string }) => campaignPublished(options, { database }),
    resolveFinding: async (options: ResolveFindingOptions) =>
      changed(await resolveFinding(options, { database })),
    addRedaction: async (options: AddRedactionOptions) => changed(await addRedaction(options, review)),
  };
}
