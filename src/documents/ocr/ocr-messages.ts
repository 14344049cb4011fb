import type { OcrPage } from "./scan-reading.ts";
import type { ScanImage } from "./scan-images.ts";

// What the OCR pool and its worker processes say to each other.

export type OcrRequest = { id: number; image: ScanImage };

export type OcrAnswer =
  | { type: "ready"; engine: string }
  | { type: "read"; id: number; page: OcrPage }
  | { type: "failed"; id: number; detail: string };
