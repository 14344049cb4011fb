import type { Finding } from "../document.ts";
import { imageKind } from "../../replies/file-kind.ts";
import { lowConfidencePages, ocrPageText, type ScanReading } from "../ocr/scan-reading.ts";
import { block, quote, review } from "./findings.ts";
import { stripJpeg, stripPng, type StrippedPicture } from "./image-metadata.ts";
import { stripTiff } from "./tiff-metadata.ts";
import type { KindCheck } from "./kind-check.ts";

// A picture sent with a reply (a photo of a letter, a screenshot, a scan as TIFF): its EXIF,
// XMP and IPTC metadata can say where it was taken (GPS) and who took it or
// owns the camera. Those block publication; every piece of metadata is cut
// from the public copy, whose pixels stay exactly the sender's. The words in
// the picture, read by OCR, are checked for personal data like any text.

/** Metadata fields that name a person (EXIF, Windows' XP tags, Canon's and Nikon's owner tags, XMP, IPTC). */
const PERSON_FIELDS = [
  "Artist",
  "XPAuthor",
  "OwnerName",
  "CameraOwnerName",
  "Copyright",
  "creator",
  "Byline",
  "Credit",
  "Writer",
  "CaptionWriter",
];

export async function checkImage(bytes: Uint8Array, scan?: ScanReading): Promise<KindCheck> {
  const { default: exifr } = await import("exifr");
  const meta = ((await exifr.parse(Buffer.from(bytes), {
    tiff: true,
    exif: true,
    gps: true,
    xmp: true,
    iptc: true,
    ifd1: false,
    mergeOutput: true,
  })) ?? {}) as Record<string, unknown>;
  const findings: Finding[] = [];
  if (typeof meta.latitude === "number" && typeof meta.longitude === "number") {
    findings.push(
      block(
        "image-gps",
        "metadata",
        `The picture says where it was taken: GPS ${meta.latitude.toFixed(5)}, ${meta.longitude.toFixed(5)}. ` +
          "The public copy leaves it out.",
      ),
    );
  }
  const people = PERSON_FIELDS.flatMap((field) => {
    const value = textOfField(meta[field]);
    return value ? [`${field} ${quote(value, 40)}`] : [];
  });
  if (people.length > 0) {
    findings.push(
      block(
        "image-people",
        "metadata",
        `The picture's metadata names people: ${people.join(", ")}. The public copy leaves it out.`,
      ),
    );
  }
  const stripped = await withoutMetadata(bytes, () => exifr.orientation(Buffer.from(bytes)));
  findings.push(...lowConfidence(scan));
  return {
    findings,
    publicCopy: stripped.bytes,
    metadataRemoved: stripped.removed,
    segments: (scan?.pages ?? []).map((page) => ({
      location: page.page === 1 && scan?.pages.length === 1 ? "picture" : `picture, page ${page.page}`,
      text: ocrPageText(page),
      byLine: true,
    })),
  };
}

async function withoutMetadata(
  bytes: Uint8Array,
  orientation: () => Promise<number | undefined>,
): Promise<StrippedPicture> {
  const kind = imageKind(bytes);
  if (kind === "png") return stripPng(bytes);
  if (kind === "tiff") return stripTiff(bytes);
  return stripJpeg(bytes, await orientation());
}

function lowConfidence(scan: ScanReading | undefined): Finding[] {
  if (!scan) {
    return [
      review(
        "image-unread",
        "picture",
        "The words in the picture were not read, so Postbag could not look for personal data in it: read it yourself.",
      ),
    ];
  }
  return lowConfidencePages(scan).map((page) =>
    review(
      "ocr-low-confidence",
      "picture",
      `OCR read the picture with only ${page.confidence}% confidence, so personal data in it may have been missed: read it yourself.`,
    ),
  );
}

function textOfField(value: unknown): string {
  if (typeof value === "string") return value.trim();
  if (Array.isArray(value))
    return value
      .filter((item) => typeof item === "string")
      .join(", ")
      .trim();
  if (value && typeof value === "object" && "value" in value) return textOfField(value.value);
  return "";
}
