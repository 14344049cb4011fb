import type { LetterText } from "./letter-text.ts";

// What the read pool and its worker processes say to each other.

export interface ReadRequest {
  index: number;
  file: string;
}

export type ReadResult =
  | { type: "read"; index: number; letter: LetterText }
  | {
      type: "failed";
      index: number;
      error: { code: string; detail: string; location: Record<string, unknown> };
    };
