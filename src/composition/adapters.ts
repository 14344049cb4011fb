import type { WorkspaceDeps } from "../campaigns/workspace/campaign-workspace.ts";
import type { Config } from "../config.ts";
import type { DocumentAdapters } from "../documents/pool/pooled-documents.ts";
import type { FileStore } from "../files/file-store.ts";
import type { RenderPool } from "../letters/pool/render-pool.ts";
import type { Database } from "../store/database.ts";

/**
 * The adapters every feature slice is wired from, made once by the
 * composition root (services.ts): the configuration, the database (opened
 * and migrated on first use), the file store, the document threads, the
 * render pool and the campaign workspace.
 */
export interface Adapters {
  config: Config;
  database: () => Promise<Database>;
  fileStore: FileStore;
  /** Checks, redaction and text of files from outside, in document threads. */
  documents: DocumentAdapters;
  /** Letters rendered in worker processes (Typst stays out of the web process). */
  renderPool: RenderPool;
  /** Where web edits are staged and imported from (see campaign-workspace.ts). */
  workspace: WorkspaceDeps;
}

/**
 * A use case `(options, deps)` as a slice offers it: its options only, its
 * dependencies filled in by the slice. Slices load a use case's module on
 * its first call, so a command loads only the modules it runs.
 */
export type Offered<UseCase> = UseCase extends (options: infer Options, deps: never) => infer Result
  ? (options: Options) => Promise<Awaited<Result>>
  : never;

/** A use case `(deps)` that takes no options, as a slice offers it. */
export type OfferedWithoutOptions<UseCase> = UseCase extends (deps: never) => infer Result
  ? () => Promise<Awaited<Result>>
  : never;
