import { PDFHexString, PDFName, PDFString, type PDFDict, type PDFObject } from "pdf-lib";

// Reading values out of pdf-lib's dictionaries without a cast at each use.

export function nameOf(dict: PDFDict, key: string): string | undefined {
  const value = dict.lookup(PDFName.of(key));
  return value instanceof PDFName ? value.decodeText() : undefined;
}

export function textOf(dict: PDFDict, key: string): string | undefined {
  return stringValue(dict.lookup(PDFName.of(key)));
}

export function stringValue(value: PDFObject | undefined): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
}

export function has(dict: PDFDict, key: string): boolean {
  return dict.has(PDFName.of(key));
}
