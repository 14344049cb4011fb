import { kindOf } from "../../replies/file-kind.ts";
import type { DocumentInput, DocumentKind } from "../document.ts";

// The kind is decided the way the text of a reply's file is read: from the
// bytes first (%PDF-, a zip holding word/ or xl/ parts, an HTML start), then
// the media type, then the extension, because attachments are often
// misnamed. Using the same function keeps the two from disagreeing.

export function documentKind(input: DocumentInput): DocumentKind {
  const kind = kindOf({ name: input.name, mediaType: input.mediaType, bytes: input.bytes });
  switch (kind) {
    case "pdf":
    case "docx":
    case "xlsx":
    case "html":
    case "text":
      return kind;
    case "image":
      // PNG, JPEG and TIFF: their metadata can be cut, their pixels kept (see check-image.ts).
      return "image";
    default:
      // Zips, images, .doc/.xls and other binaries: nothing here can look inside them.
      return "other";
  }
}
