import type { Format, Letter, RenderOptions } from "../model.ts";

// What the render pool and its worker processes say to each other.

export interface RenderJob {
  type: "render";
  jobId: number;
  letter: Letter;
  formats: Format[];
  /** The folder the worker writes `<id>.<format>` into. */
  dir: string;
  options: RenderOptions;
  /** Set when a worker died holding this job and it is being tried again. */
  retried?: boolean;
}

export interface RenderedFile {
  format: Format;
  path: string;
  bytes: number;
}

export type JobResult =
  | { type: "done"; jobId: number; files: RenderedFile[] }
  | {
      type: "failed";
      jobId: number;
      error: { code: string; detail: string; location: Record<string, unknown> };
    };
