import type { Adapters, Offered } from "../composition/adapters.ts";
import type { campaignDigest } from "./build-digest.ts";

/** The digest: what every body said, question by question, as proposed from the replies. */
export interface DigestSlice {
  campaignDigest: Offered<typeof campaignDigest>;
}

export function digestSlice({ database }: Adapters): DigestSlice {
  return {
    campaignDigest: async (options) =>
      (await import("./build-digest.ts")).campaignDigest(options, { database }),
  };
}
