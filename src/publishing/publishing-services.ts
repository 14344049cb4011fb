import type { DocumentAdapters } from "../documents/pool/pooled-documents.ts";
import type { FileStore } from "../files/file-store.ts";
import type { Database } from "../store/database.ts";
import { publicCampaign, publicCampaigns, publicLetter } from "./public-queries.ts";
import { publicVersion } from "./public-version.ts";
import { searchFacets, searchPublic, type PublicSearchOptions } from "./search-public.ts";
import { setPublication, type SetPublicationOptions } from "./set-publication.ts";
import { addRedaction, type AddRedactionOptions } from "./review/add-redaction.ts";
import { checkCampaignDocuments, checkLetterDocuments } from "./review/check-documents.ts";
import { campaignPublished, letterPublication } from "./review/letter-publication.ts";
import { resolveFinding, type ResolveFindingOptions } from "./review/resolve-finding.ts";
import type { ReviewDeps } from "./review/review-deps.ts";

// The publishing use cases wired to their adapters (part of the composition
// root in services.ts). The public site's page cache keys on `publicVersion`,
// read from the database, so an unpublished page is gone at once from every
// server on it.

export function publishingServices(deps: {
  database(): Promise<Database>;
  fileStore: FileStore;
  /** Checks, redaction and text of files from outside, in document threads. */
  documents: DocumentAdapters;
}) {
  const { database } = deps;
  const review: ReviewDeps = { database, fileStore: deps.fileStore, ...deps.documents };
  return {
    publicVersion: () => publicVersion({ database }),
    publicCampaigns: () => publicCampaigns({ database }),
    publicCampaign: (options: { campaign: string }) => publicCampaign(options, { database }),
    publicLetter: (options: { campaign: string; recipient: string }) => publicLetter(options, { database }),
    searchPublic: (options: PublicSearchOptions) => searchPublic(options, { database }),
    searchFacets: () => searchFacets({ database }),
    /** A public file's bytes as a stream (a public copy or an approved letter PDF, by hash), or null. */
    storedFile: (hash: string) => deps.fileStore.stream(hash),
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
      return setPublication(options, { database });
    },
    checkLetterDocuments: (options: { campaign: string; recipient: string }) =>
      checkLetterDocuments(options, review),
    letterPublication: (options: { campaign: string; recipient: string }) =>
      letterPublication(options, { database }),
    campaignPublished: (options: { campaign: string }) => campaignPublished(options, { database }),
    resolveFinding: (options: ResolveFindingOptions) => resolveFinding(options, { database }),
    addRedaction: (options: AddRedactionOptions) => addRedaction(options, review),
  };
}
