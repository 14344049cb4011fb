import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped, type Zippable } from "fflate";
import { zipRefusal } from "../../replies/zip-guard.ts";
import { elements } from "./xml.ts";

// DOCX and XLSX files are zips of XML parts. They come from outside, so the
// zip-bomb guard looks at them before anything is unpacked.

export interface Relationship {
  id: string;
  /** The type's URI; its last segment says what it is ("…/comments"). */
  type: string;
  target: string;
  external: boolean;
}

export class OfficeZip {
  private constructor(private readonly parts: Unzipped) {}

  /** Unpacks a DOCX or XLSX; throws with the reason when it must not or cannot be. */
  static open(bytes: Uint8Array): OfficeZip {
    const refusal = zipRefusal(bytes);
    if (refusal) throw new Error(refusal);
    return new OfficeZip(unzipSync(bytes));
  }

  names(): string[] {
    return Object.keys(this.parts);
  }

  has(name: string): boolean {
    return Object.hasOwn(this.parts, name);
  }

  /** A part as text ("" when it is missing). Some parts (Power Query's) are UTF-16. */
  text(name: string): string {
    const part = this.parts[name];
    if (!part) return "";
    if (part[0] === 0xff && part[1] === 0xfe) return new TextDecoder("utf-16le").decode(part.subarray(2));
    if (part[0] === 0xfe && part[1] === 0xff) return new TextDecoder("utf-16be").decode(part.subarray(2));
    return strFromU8(part);
  }

  /** A part's relationships, targets resolved to part names (or kept as written when external). */
  relationships(part: string): Relationship[] {
    return elements(this.text(relsOf(part)), "Relationship").map(({ attrs }) => {
      const external = attrs.TargetMode === "External";
      const target = attrs.Target ?? "";
      return {
        id: attrs.Id ?? "",
        type: attrs.Type ?? "",
        external,
        target: external ? target : resolvePart(part, target),
      };
    });
  }

  setText(name: string, text: string): void {
    this.parts[name] = strToU8(text);
  }

  remove(name: string): void {
    delete this.parts[name];
  }

  /**
   * Packs the parts again, in their order ([Content_Types].xml stays first).
   * Every entry gets the same old date: the original's dates say when it was edited.
   */
  toBuffer(): Buffer {
    const mtime = new Date(1980, 0, 1);
    const entries: Zippable = {};
    for (const [name, data] of Object.entries(this.parts)) entries[name] = [data, { mtime }];
    return Buffer.from(zipSync(entries, { level: 6 }));
  }
}

/** The path of a relationship's target, from the part that holds the relationship. */
export function resolvePart(fromPart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = fromPart.split("/").slice(0, -1);
  for (const step of target.split("/")) {
    if (step === "..") parts.pop();
    else if (step !== ".") parts.push(step);
  }
  return parts.join("/");
}

/** The relationships part of a part: xl/workbook.xml → xl/_rels/workbook.xml.rels. */
export function relsOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}
