import type { Adapters, Offered } from "../composition/adapters.ts";
import type { campaignDigest } from "./build-digest.ts";
import type { decideAnswer } from "./decide-answer.ts";
import type { changeTheme } from "./change-theme.ts";

/** The digest: what every body said, question by question, as proposed from the replies. */
export interface DigestSlice {
  campaignDigest: Offered<typeof campaignDigest>;
  /** A person accepts, edits or rejects one cell's proposal (audited). */
  decideAnswer: Offered<typeof decideAnswer>;
  /** A person renames, hides, shows or merges a theme (audited). */
  changeTheme: Offered<typeof changeTheme>;
}

export function digestSlice({ database }: Adapters): DigestSlice {
  return {
    campaignDigest: async (options) =>
      (await import("./build-digest.ts")).campaignDigest(options, { database }),
    decideAnswer: async (options) => (await import("./decide-answer.ts")).decideAnswer(options, { database }),
    changeTheme: async (options) => (await import("./change-theme.ts")).changeTheme(options, { database }),
  };
}
