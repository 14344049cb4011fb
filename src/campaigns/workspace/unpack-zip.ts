import { unzipSync } from "fflate";
import { isPostbagError, PostbagError } from "../../errors.ts";
import { firstSymlink } from "./zip-symlinks.ts";

// A campaign folder uploaded as a zip, unpacked in memory and checked before
// any of it touches the disk: no path may leave the folder (zip slip), no
// symbolic links, at most 200 files and 50 MB. Files may sit at the top or in
// one top folder (what "Compress" on a folder makes).

const MAX_FILES = 200;
const MAX_BYTES = 50 * 1024 * 1024;
/** What Finder and Explorer add to a zip: not part of the campaign. */
const JUNK = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$)/;

export interface UnpackedZip {
  /** By path inside the campaign folder, "/"-separated. */
  files: Map<string, Uint8Array>;
  /** The one top folder the files sat in, if they did. */
  topFolder: string | null;
}

export function unpackZip(bytes: Uint8Array): UnpackedZip {
  const link = firstSymlink(bytes);
  if (link !== null) throw refused(`"${link}" is a symbolic link`);
  let count = 0;
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      // Sizes are checked from the zip's directory before anything is inflated.
      filter: ({ name, originalSize }) => {
        if (name.endsWith("/") || JUNK.test(name)) return false;
        count += 1;
        total += originalSize;
        if (count > MAX_FILES) throw refused(`it holds more than ${MAX_FILES} files`);
        if (total > MAX_BYTES) throw refused("it holds more than 50 MB once unpacked");
        return true;
      },
    });
  } catch (error) {
    if (isPostbagError(error)) throw error;
    throw refused(`it is not a readable zip file (${(error as Error).message})`);
  }
  const files = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(entries)) files.set(safePath(name), data);
  // A stored (not deflated) file's real size is not the one declared.
  const unpacked = [...files.values()].reduce((sum, data) => sum + data.length, 0);
  if (unpacked > MAX_BYTES) throw refused("it holds more than 50 MB once unpacked");
  return withoutTopFolder(files);
}

function safePath(name: string): string {
  const parts = name.replace(/\\/g, "/").split("/");
  const absolute = parts[0] === "" || /^[A-Za-z]:$/.test(parts[0] ?? "");
  if (absolute || parts.includes("..") || name.includes("\u0000")) {
    throw refused(`"${name}" would be written outside the campaign folder`);
  }
  return parts.filter((part) => part !== "" && part !== ".").join("/");
}

function withoutTopFolder(files: Map<string, Uint8Array>): UnpackedZip {
  if (files.has("campaign.yaml")) return { files, topFolder: null };
  const tops = new Set([...files.keys()].map((path) => (path.includes("/") ? path.split("/")[0] : "")));
  const [top] = tops;
  if (tops.size !== 1 || !top || !files.has(`${top}/campaign.yaml`)) {
    throw refused("campaign.yaml must be at the top of the zip, or in its one top folder");
  }
  const inner = [...files].map(([path, data]) => [path.slice(top.length + 1), data] as const);
  return { files: new Map(inner), topFolder: top };
}

function refused(detail: string): PostbagError {
  return new PostbagError("bad_input", `the zip cannot be used: ${detail}`, { field: "file" });
}
