import type { Adapters, Offered } from "../composition/adapters.ts";
import type { campaignDigest } from "./campaign-digest.ts";
import type { decideAnswer } from "./decide-answer.ts";
import type { changeTheme } from "./change-theme.ts";

/** The digest: what every body said, question by question, as proposed from the replies. */
export interface DigestSlice {
  /** The digest as built and decided; built again first when the replies changed (see refresh-digest.ts). */
  campaignDigest(
    options: Parameters<typeof campaignDigest>[0],
    /** Where a background build's failure is told (the server's log). */
    logError?: (error: unknown) => void,
  ): ReturnType<typeof campaignDigest>;
  /** A person accepts, edits or rejects one cell's proposal (audited). */
  decideAnswer: Offered<typeof decideAnswer>;
  /** A person renames, hides, shows or merges a theme (audited). */
  changeTheme: Offered<typeof changeTheme>;
}

export function digestSlice({ database, documents }: Adapters): DigestSlice {
  // The ranking runs in a document thread: a large build never holds the server's thread.
  const rankDigest: typeof documents.rankDigest = (input) => documents.rankDigest(input);
  return {
    campaignDigest: async (options, logError) =>
      (await import("./campaign-digest.ts")).campaignDigest(options, {
        database,
        rankDigest,
        ...(logError ? { logError } : {}),
      }),
    decideAnswer: async (options) =>
      (await import("./decide-answer.ts")).decideAnswer(options, { database, rankDigest }),
    changeTheme: async (options) => (await import("./change-theme.ts")).changeTheme(options, { database }),
  };
}
