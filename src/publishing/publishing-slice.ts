import type { Adapters, Offered, OfferedWithoutOptions } from "../composition/adapters.ts";
import type { ReviewDeps } from "./review/review-deps.ts";
import type { publicVersion } from "./public-version.ts";
import type { changePublication } from "./change-publication.ts";
import type { checkLetterDocuments } from "./review/check-documents.ts";
import type { resolveFinding } from "./review/resolve-finding.ts";
import type { addRedaction } from "./review/add-redaction.ts";
import type * as publicQueries from "./public-queries.ts";
import type * as search from "./search-public.ts";
import type * as publication from "./review/letter-publication.ts";

// The public site's page cache keys on `publicVersion`, read from the
// database, so an unpublished page is gone at once from every server on it.

/** Publishing: what the public sees, the checks and redactions that come first, and the public site's reads. */
export interface PublishingSlice {
  publicVersion: OfferedWithoutOptions<typeof publicVersion>;
  publicCampaigns: OfferedWithoutOptions<typeof publicQueries.publicCampaigns>;
  publicCampaign: Offered<typeof publicQueries.publicCampaign>;
  publicLetter: Offered<typeof publicQueries.publicLetter>;
  searchPublic: Offered<typeof search.searchPublic>;
  searchFacets: OfferedWithoutOptions<typeof search.searchFacets>;
  /** A public file's bytes as a stream (a public copy or an approved letter PDF, by hash), or null. */
  storedFile: (hash: string) => ReturnType<Adapters["fileStore"]["stream"]>;
  setPublication: Offered<typeof changePublication>;
  checkLetterDocuments: Offered<typeof checkLetterDocuments>;
  letterPublication: Offered<typeof publication.letterPublication>;
  campaignPublished: Offered<typeof publication.campaignPublished>;
  resolveFinding: Offered<typeof resolveFinding>;
  addRedaction: Offered<typeof addRedaction>;
}

export function publishingSlice({ database, fileStore, documents }: Adapters): PublishingSlice {
  const store = { database };
  const review: ReviewDeps = { database, fileStore, ...documents };
  return {
    publicVersion: async () => (await import("./public-version.ts")).publicVersion(store),
    publicCampaigns: async () => (await import("./public-queries.ts")).publicCampaigns(store),
    publicCampaign: async (options) => (await import("./public-queries.ts")).publicCampaign(options, store),
    publicLetter: async (options) => (await import("./public-queries.ts")).publicLetter(options, store),
    searchPublic: async (options) => (await import("./search-public.ts")).searchPublic(options, store),
    searchFacets: async () => (await import("./search-public.ts")).searchFacets(store),
    storedFile: (hash) => fileStore.stream(hash),
    setPublication: async (options) =>
      (await import("./change-publication.ts")).changePublication(options, review),
    checkLetterDocuments: async (options) =>
      (await import("./review/check-documents.ts")).checkLetterDocuments(options, review),
    letterPublication: async (options) =>
      (await import("./review/letter-publication.ts")).letterPublication(options, store),
    campaignPublished: async (options) =>
      (await import("./review/letter-publication.ts")).campaignPublished(options, store),
    resolveFinding: async (options) =>
      (await import("./review/resolve-finding.ts")).resolveFinding(options, store),
    addRedaction: async (options) =>
      (await import("./review/add-redaction.ts")).addRedaction(options, review),
  };
}
