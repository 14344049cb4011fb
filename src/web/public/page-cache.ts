import { createHash } from "node:crypto";

// The public site's page cache. A page is kept under its URL and the
// publication version read from the database (publishing/public-version.ts),
// so a publish or unpublish by any process or server shows at once; an entry
// lives at most five seconds all the same. The oldest entries go first when
// it is full. While the embedded database is busy with a long transaction
// (see publication-version.ts), an expired page is served rather than made.

/** A public response as the cache keeps it: the bytes, or where a stored file is. */
export interface PublicResponse {
  status: number;
  type: string;
  body?: string | Buffer;
  /** A stored file's hash: its bytes are streamed from the file store on each request (never held in memory). */
  stored?: string;
  headers?: Record<string, string>;
  /** A strong validator: the sha1 of the body unless given (a file's content hash). */
  etag?: string;
}

interface Entry {
  response: PublicResponse;
  etag: string;
  expires: number;
}

export const PAGE_TTL_MS = 5000;
export const PAGE_CACHE_SIZE = 500;

export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly values = new Map<string, { value: unknown; expires: number }>();

  constructor(private readonly options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {}) {}

  get size(): number {
    return this.entries.size;
  }

  /** The entry, if it has not expired (or with `expired`, even if it has: the database is busy). */
  get(key: string, options: { expired?: boolean } = {}): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now() && !options.expired) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, response: PublicResponse): Entry {
    const entry: Entry = {
      response,
      etag: response.etag ?? etagOf(response.body ?? ""),
      expires: this.now() + (this.options.ttlMs ?? PAGE_TTL_MS),
    };
    this.entries.delete(key);
    this.entries.set(key, entry);
    const max = this.options.maxEntries ?? PAGE_CACHE_SIZE;
    while (this.entries.size > max) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return entry;
  }

  /** A value computed at most once per key and lifetime (the site's name, the search index). */
  async memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const found = this.values.get(key);
    if (found && found.expires > this.now()) return found.value as T;
    const value = await compute();
    if (this.values.size >= 50) this.values.clear();
    this.values.set(key, { value, expires: this.now() + (this.options.ttlMs ?? PAGE_TTL_MS) });
    return value;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

export function etagOf(body: string | Buffer): string {
  return `"${createHash("sha1").update(body).digest("hex")}"`;
}

/** Whether an If-None-Match header names this ETag (or is "*"). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((candidate) => candidate.trim().replace(/^W\//, "") === etag);
}
