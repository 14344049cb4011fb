import "../pdf-runtime.ts";
import { deflateSync } from "node:zlib";
import type { SKRSContext2D } from "@napi-rs/canvas";
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFString,
  PDFHexString,
  StandardFonts,
  TextRenderingMode,
  beginText,
  concatTransformationMatrix,
  degrees,
  drawObject,
  endText,
  popGraphicsState,
  pushGraphicsState,
  setCharacterSqueeze,
  setFillingRgbColor,
  setFontAndSize,
  setTextMatrix,
  setTextRenderingMode,
  showText,
  type PDFFont,
  type PDFOperator,
  type PDFPage,
} from "pdf-lib";
import type { createIsomorphicCanvasFactory } from "unpdf";
import type { PDFPageProxy } from "unpdf/pdfjs";
import { PostbagError } from "../../errors.ts";
import type { RedactionSpec } from "./redact-document.ts";
import { REDACTED, matcherFor, type Matcher } from "./text-units.ts";
import { SCANNED_FONT, SCANNED_STYLE, scanTextItems, type TextItemLike } from "./scan-items.ts";
import { looksScanned, type OcrPage, type ScanReading } from "../ocr/scan-reading.ts";

// PDF redaction. pdf.js finds where each match is drawn; every page with
// something to remove is rasterised (pdf.js onto an @napi-rs/canvas), the
// boxes are painted black on the picture, and the page is replaced by a
// fresh one (same boxes and rotation) that holds only that picture, a white
// "[redacted]" on each box and, invisible, the page's other text so that it
// can still be searched and copied. The original page's content stream,
// fonts and annotations are not carried over, so what was under a box is in
// no byte of the result. Pages with nothing to remove are copied as they are.
// A scanned page (no text layer) is read from the words OCR found on it, so
// a text found there is boxed on the picture where OCR saw it, and the
// rebuilt page carries the other words as its invisible text.

type CanvasFactoryClass = Awaited<ReturnType<typeof createIsomorphicCanvasFactory>>;

/** Rasterised pages are drawn at about 200 dots per inch… */
const DPI = 200;
/** …unless that would make a picture of more than this many pixels (a poster-sized page). */
const MAX_PIXELS = 24_000_000;

/** A box on the page as shown: points from its top-left corner, at scale 1. */
interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

type Vec = [number, number];

/** A text item and where each of its characters is along its baseline. */
interface Item {
  str: string;
  hasEOL: boolean;
  origin: Vec;
  /** Unit vectors along the baseline and up from it, in PDF user space. */
  u: Vec;
  v: Vec;
  /** The transform's scale along the baseline (the font size as drawn, times any squeeze). */
  sx: number;
  /** The font size as drawn, up from the baseline. */
  size: number;
  ascent: number;
  descent: number;
  /** offsets[i] is where character i starts along the baseline; offsets[n] is the item's end. */
  offsets: number[];
  /** Characters that go: matched, or under a box. */
  covered: Set<number>;
}

interface PagePlan {
  pageNumber: number;
  width: number;
  height: number;
  /** pdf.js' viewport transform at scale 1: PDF user space to the page as shown. */
  transform: number[];
  rects: Rect[];
  items: Item[];
}

interface AnnotationLike {
  subtype?: string;
  rect?: number[];
  contentsObj?: { str?: string };
  titleObj?: { str?: string };
  fieldValue?: unknown;
  url?: string;
  unsafeUrl?: string;
  alternativeText?: string;
  textContent?: string[];
}

export async function redactPdf(
  bytes: Buffer,
  specs: RedactionSpec[],
  scan?: ScanReading,
): Promise<{ bytes: Buffer; matches: number[] }> {
  const { getDocumentProxy, createIsomorphicCanvasFactory } = await import("unpdf");
  const CanvasFactory = await createIsomorphicCanvasFactory(() => import("@napi-rs/canvas"));
  const out = await PDFDocument.create({ updateMetadata: false });
  const font = await out.embedFont(StandardFonts.Helvetica);
  const counts = specs.map(() => 0);

  let pdf;
  try {
    // A copy: pdf.js detaches the buffer it is given.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, CanvasFactory });
  } catch (error) {
    throw unreadable(error);
  }
  const plans: PagePlan[] = [];
  const pageCount = pdf.numPages;
  const images = new Map<number, { width: number; height: number; rgb: Buffer }>();
  try {
    for (const spec of specs) {
      if (spec.kind === "box" && spec.page > pdf.numPages) {
        throw new PostbagError(
          "bad_input",
          `page ${spec.page} does not exist: the document has ${pdf.numPages} page${pdf.numPages === 1 ? "" : "s"}`,
          { field: "page" },
        );
      }
    }
    for (let pageNumber = 1; pageNumber <= pdf.numPages; pageNumber++) {
      const page = await pdf.getPage(pageNumber);
      const scanned = scan?.pages.find((read) => read.page === pageNumber);
      const plan = await planPage(page, pageNumber, specs, counts, font, scanned);
      if (plan) {
        plans.push(plan);
        images.set(pageNumber, await rasterise(page, plan, CanvasFactory));
      }
      page.cleanup();
    }
  } finally {
    await pdf.loadingTask.destroy();
  }
  if (plans.length === 0) return { bytes, matches: counts };
  return { bytes: await rebuild(bytes, out, font, plans, images, pageCount), matches: counts };
}

function unreadable(error: unknown): PostbagError {
  const name = (error as Error).name;
  if (name === "PasswordException" || name === "EncryptedPDFError") {
    return new PostbagError("bad_input", "the PDF is encrypted, so Postbag cannot redact it");
  }
  return new PostbagError("bad_input", `the PDF cannot be redacted: ${(error as Error).message}`);
}

// ---------------------------------------------------------------------------
// Where the redactions are on a page.

async function planPage(
  page: PDFPageProxy,
  pageNumber: number,
  specs: RedactionSpec[],
  counts: number[],
  font: PDFFont,
  scanned?: OcrPage,
): Promise<PagePlan | null> {
  const viewport = page.getViewport({ scale: 1 });
  const transform = viewport.transform;
  const plan: PagePlan = {
    pageNumber,
    width: viewport.width,
    height: viewport.height,
    transform,
    rects: [],
    items: [],
  };
  let replace = false;
  const boxes: Rect[] = [];
  specs.forEach((spec, index) => {
    if (spec.kind !== "box" || spec.page !== pageNumber) return;
    const box = clip(
      { x0: spec.x, y0: spec.y, x1: spec.x + spec.width, y1: spec.y + spec.height },
      plan.width,
      plan.height,
    );
    if (!box) {
      throw new PostbagError(
        "bad_input",
        `the box is outside page ${pageNumber}, which is ${round(plan.width)} × ${round(plan.height)} points`,
        { field: "x" },
      );
    }
    boxes.push(box);
    counts[index] = (counts[index] ?? 0) + 1;
  });

  const textual = specs.map((spec) => (spec.kind === "box" ? null : matcherFor(spec)));
  const hasText = textual.some((matcher) => matcher !== null);
  const content = await page.getTextContent();
  const styles = {
    ...(content.styles as Record<string, { ascent?: number; descent?: number }>),
    [SCANNED_FONT]: SCANNED_STYLE,
  };
  const layer = content.items.filter((item): item is TextItemLike & typeof item => "str" in item);
  const items =
    scanned && looksScanned(layer.map((item) => item.str).join(""))
      ? scanTextItems(scanned, transform)
      : (layer as TextItemLike[]);
  plan.items = items.map((item) => itemGeometry(item, styles, font));

  if (hasText) {
    const { text, owners } = joinItems(plan.items);
    textual.forEach((matcher, index) => {
      if (!matcher) return;
      for (const match of matcher(text)) {
        counts[index] = (counts[index] ?? 0) + 1;
        // Each run of matched characters within one item gets its box.
        const runs: { item: Item; first: number; last: number }[] = [];
        for (let at = match.start; at < match.end; at++) {
          const owner = owners[at];
          if (!owner) continue;
          owner.item.covered.add(owner.index);
          const run = runs[runs.length - 1];
          if (run && run.item === owner.item && run.last === owner.index - 1) run.last = owner.index;
          else runs.push({ item: owner.item, first: owner.index, last: owner.index });
        }
        for (const run of runs) plan.rects.push(runRect(run.item, run.first, run.last, transform));
      }
    });
    replace ||= await annotationHits(page, textual, counts, transform, plan.rects);
  }

  // Characters under a box drawn by hand go from the text too.
  for (const box of boxes) {
    for (const item of plan.items) {
      for (let i = 0; i < item.str.length; i++) {
        if (!item.covered.has(i) && underBox(charRect(item, i, i, transform), box)) item.covered.add(i);
      }
    }
  }
  plan.rects = mergeRects(
    [...plan.rects, ...boxes].flatMap((rect) => clip(rect, plan.width, plan.height) ?? []),
  );
  return replace || plan.rects.length > 0 ? plan : null;
}

function itemGeometry(
  item: TextItemLike,
  styles: Record<string, { ascent?: number; descent?: number }>,
  font: PDFFont,
): Item {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = item.transform;
  const sx = Math.hypot(a, b);
  const size = Math.hypot(c, d);
  const style = styles[item.fontName] ?? {};
  // Generous: accents above capitals and descenders below the line are inside the box.
  const ascent = Math.min(Math.max(style.ascent || 0.8, 0.8), 1);
  const descent = Math.max(Math.min(style.descent || -0.2, -0.2), -0.3);
  const chars = [...item.str].flatMap((char) => char.split(""));
  const weights = chars.map((char) => charWidth(font, char));
  const total = weights.reduce((sum, w) => sum + w, 0);
  const offsets = [0];
  let at = 0;
  for (const weight of weights) {
    at += total > 0 ? (weight / total) * item.width : item.width / Math.max(chars.length, 1);
    offsets.push(at);
  }
  return {
    str: item.str,
    hasEOL: item.hasEOL,
    origin: [e, f],
    u: sx > 0 ? [a / sx, b / sx] : [1, 0],
    v: size > 0 ? [c / size, d / size] : [0, 1],
    sx,
    size,
    ascent,
    descent,
    offsets,
    covered: new Set(),
  };
}

/**
 * A text's width in Helvetica at size 1 as a reader draws it: the sum of its
 * characters' widths (pdf-lib's own measure applies kerning, which Tj does not).
 */
function plainWidth(font: PDFFont, text: string): number {
  return [...text].reduce((sum, char) => sum + font.widthOfTextAtSize(char, 1), 0);
}

/** A character's width in Helvetica, as the share of an item's width it probably takes. */
function charWidth(font: PDFFont, char: string): number {
  try {
    return font.widthOfTextAtSize(char, 1) || 0.5;
  } catch {
    return 0.5;
  }
}

/**
 * The page's text as one string for matching, with what each character is
 * (null: a space or line break put between items).
 */
function joinItems(items: Item[]): { text: string; owners: ({ item: Item; index: number } | null)[] } {
  let text = "";
  const owners: ({ item: Item; index: number } | null)[] = [];
  let last: Item | null = null;
  let lineEnded = false;
  for (const item of items) {
    if (item.str !== "") {
      const separator = last === null ? "" : lineEnded ? "\n" : between(last, item);
      text += separator;
      for (let i = 0; i < separator.length; i++) owners.push(null);
      text += item.str;
      for (let i = 0; i < item.str.length; i++) owners.push({ item, index: i });
      last = item;
      lineEnded = false;
    }
    if (item.hasEOL) lineEnded = true;
  }
  return { text, owners };
}

/** What stands between two items: nothing (one word), a space, or a new line. */
function between(previous: Item, next: Item): string {
  const size = Math.max(previous.size, 1);
  const sameDirection = dot(previous.u, next.u) > 0.98;
  const end = add(previous.origin, scale(previous.u, previous.offsets[previous.offsets.length - 1] ?? 0));
  const offset = sub(next.origin, end);
  const across = Math.abs(cross(previous.u, offset));
  const along = dot(previous.u, offset);
  if (!sameDirection || across > 0.5 * size || along < -size) return "\n";
  if (along > 0.15 * size && !/\s$/.test(previous.str) && !/^\s/.test(next.str)) return " ";
  return "";
}

/** The box of characters first..last of an item, on the page as shown, with a little room. */
function runRect(item: Item, first: number, last: number, transform: number[]): Rect {
  const rect = charRect(item, first, last, transform);
  // Wider than tall: the box must not reach into the lines above and below.
  const across = 0.75 + 0.06 * item.size;
  const up = 0.3 + 0.02 * item.size;
  const horizontal = Math.abs(item.u[0]) >= Math.abs(item.u[1]);
  const [padX, padY] = horizontal ? [across, up] : [up, across];
  return { x0: rect.x0 - padX, y0: rect.y0 - padY, x1: rect.x1 + padX, y1: rect.y1 + padY };
}

function charRect(item: Item, first: number, last: number, transform: number[]): Rect {
  const start = item.offsets[first] ?? 0;
  const end = item.offsets[last + 1] ?? start;
  const corners = [start, end].flatMap((along) =>
    [item.descent, item.ascent].map((up) =>
      toViewport(add(item.origin, add(scale(item.u, along), scale(item.v, up * item.size))), transform),
    ),
  );
  return bounds(corners);
}

/** Under a box: most of the character, or its middle. */
function underBox(char: Rect, box: Rect): boolean {
  const overlap = intersection(char, box);
  if (!overlap) return false;
  const area = (char.x1 - char.x0) * (char.y1 - char.y0);
  const middle: Vec = [(char.x0 + char.x1) / 2, (char.y0 + char.y1) / 2];
  const inside = middle[0] >= box.x0 && middle[0] <= box.x1 && middle[1] >= box.y0 && middle[1] <= box.y1;
  return inside || (overlap.x1 - overlap.x0) * (overlap.y1 - overlap.y0) >= 0.3 * area;
}

/**
 * Annotations hold text pdf.js does not list with the page's: a form
 * field's value, a note's contents, a link's address (mailto:…). One that
 * matches makes its page be replaced (which drops every annotation on it);
 * one drawn on the page (a form field, a text box) is blacked out too.
 */
async function annotationHits(
  page: PDFPageProxy,
  matchers: (Matcher | null)[],
  counts: number[],
  transform: number[],
  rects: Rect[],
): Promise<boolean> {
  const annotations = (await page.getAnnotations()) as AnnotationLike[];
  let hit = false;
  for (const annotation of annotations) {
    const values = [
      annotation.contentsObj?.str,
      annotation.titleObj?.str,
      annotation.url,
      annotation.unsafeUrl,
      annotation.alternativeText,
      ...(annotation.textContent ?? []),
      ...(Array.isArray(annotation.fieldValue)
        ? (annotation.fieldValue as unknown[])
        : [annotation.fieldValue]),
    ].filter((value): value is string => typeof value === "string" && value !== "");
    let matched = false;
    matchers.forEach((matcher, index) => {
      if (matcher && values.some((value) => matcher(value).length > 0)) {
        counts[index] = (counts[index] ?? 0) + 1;
        matched = true;
      }
    });
    if (!matched) continue;
    hit = true;
    const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = annotation.rect ?? [];
    if (!["Link", "Text", "Popup"].includes(annotation.subtype ?? "")) {
      rects.push(bounds([toViewport([x0, y0], transform), toViewport([x1, y1], transform)]));
    }
  }
  return hit;
}

// ---------------------------------------------------------------------------
// The picture of a page, with its boxes painted black.

async function rasterise(
  page: PDFPageProxy,
  plan: PagePlan,
  CanvasFactory: CanvasFactoryClass,
): Promise<{ width: number; height: number; rgb: Buffer }> {
  const scaleFactor = Math.min(DPI / 72, Math.sqrt(MAX_PIXELS / Math.max(plan.width * plan.height, 1)));
  const viewport = page.getViewport({ scale: scaleFactor });
  const width = Math.max(1, Math.ceil(viewport.width));
  const height = Math.max(1, Math.ceil(viewport.height));
  const factory = new CanvasFactory();
  const drawing = factory.create(width, height);
  try {
    const context = drawing.context as unknown as SKRSContext2D;
    await page.render({
      canvas: drawing.canvas as unknown as HTMLCanvasElement,
      canvasContext: context as unknown as CanvasRenderingContext2D,
      viewport,
    }).promise;
    context.fillStyle = "#000000";
    for (const rect of plan.rects) {
      const x0 = Math.floor(rect.x0 * scaleFactor);
      const y0 = Math.floor(rect.y0 * scaleFactor);
      context.fillRect(x0, y0, Math.ceil(rect.x1 * scaleFactor) - x0, Math.ceil(rect.y1 * scaleFactor) - y0);
    }
    const rgba = context.getImageData(0, 0, width, height).data;
    const rgb = Buffer.alloc(width * height * 3);
    for (let pixel = 0, at = 0; pixel < rgba.length; pixel += 4) {
      // Over white, for any pixel the page left transparent.
      const alpha = (rgba[pixel + 3] ?? 255) / 255;
      rgb[at++] = Math.round((rgba[pixel] ?? 0) * alpha + 255 * (1 - alpha));
      rgb[at++] = Math.round((rgba[pixel + 1] ?? 0) * alpha + 255 * (1 - alpha));
      rgb[at++] = Math.round((rgba[pixel + 2] ?? 0) * alpha + 255 * (1 - alpha));
    }
    return { width, height, rgb };
  } finally {
    factory.destroy(drawing);
  }
}

// ---------------------------------------------------------------------------
// The new document: untouched pages copied, redacted pages made afresh.

const BOXES = ["MediaBox", "CropBox", "BleedBox", "TrimBox", "ArtBox"] as const;

async function rebuild(
  bytes: Buffer,
  out: PDFDocument,
  font: PDFFont,
  plans: PagePlan[],
  images: Map<number, { width: number; height: number; rgb: Buffer }>,
  pageCount: number,
): Promise<Buffer> {
  let source: PDFDocument;
  try {
    source = await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (error) {
    throw unreadable(error);
  }
  const pages = source.getPages();
  if (pages.length !== pageCount) {
    // pdf.js and pdf-lib read a damaged page tree differently: which page is which is then unsure.
    throw new PostbagError("bad_input", "the PDF's list of pages is damaged, so Postbag cannot redact it");
  }
  const replaced = new Map(plans.map((plan) => [plan.pageNumber - 1, plan]));
  const indexOfPage = new Map(pages.map((page, index) => [page.ref.toString(), index]));

  // What the new pages keep of the old: their boxes and rotation, read before the old ones are emptied.
  const geometry = new Map<number, { boxes: Map<string, number[]>; rotation: number }>();
  for (const index of replaced.keys()) {
    const page = pages[index];
    if (!page) continue;
    const boxes = new Map<string, number[]>();
    for (const name of BOXES) {
      const value =
        name === "MediaBox" || name === "CropBox"
          ? page.node.getInheritableAttribute(PDFName.of(name))
          : page.node.get(PDFName.of(name));
      const numbers = numbersOf(page.node.context.lookup(value));
      if (numbers) boxes.set(name, numbers);
    }
    geometry.set(index, { boxes, rotation: page.getRotation().angle });
    emptyPage(page);
  }
  const kept = pages.map((_, index) => index).filter((index) => !replaced.has(index));
  for (const index of kept) {
    const page = pages[index];
    if (page) loosenAnnotations(page, indexOfPage);
  }
  const copies = await out.copyPages(source, kept);

  let copied = 0;
  for (let index = 0; index < pages.length; index++) {
    const plan = replaced.get(index);
    const image = images.get(index + 1);
    const shape = geometry.get(index);
    if (!plan || !image || !shape) {
      const copy = copies[copied++];
      if (copy) out.addPage(copy);
      continue;
    }
    drawReplacement(out, font, plan, image, shape);
  }
  // Links to a page of the document point at its page in the new one.
  const outPages = out.getPages();
  for (const page of outPages) relinkAnnotations(page, outPages);

  const language = source.catalog.get(PDFName.of("Lang"));
  if (language instanceof PDFString || language instanceof PDFHexString)
    out.catalog.set(PDFName.of("Lang"), language);
  return Buffer.from(await out.save({ updateFieldAppearances: false }));
}

function numbersOf(value: unknown): number[] | null {
  if (!(value instanceof PDFArray) || value.size() !== 4) return null;
  const numbers = value.asArray().map((entry) => (entry instanceof PDFNumber ? entry.asNumber() : NaN));
  return numbers.every(Number.isFinite) ? numbers : null;
}

/** Nothing of a replaced page survives, even if another object still points at it. */
function emptyPage(page: PDFPage): void {
  for (const key of page.node.keys()) {
    if (!["Type", "Parent", ...BOXES, "Rotate"].includes(key.decodeText())) page.node.delete(key);
  }
}

/**
 * Copying a page copies everything its objects point at. Annotations point
 * at other pages (a link's destination, a widget's form field and its other
 * widgets, a reply's note): those references are cut, and a link's page
 * is written as its number, to be pointed at the new page afterwards.
 */
function loosenAnnotations(page: PDFPage, indexOfPage: Map<string, number>): void {
  page.node.delete(PDFName.of("B"));
  const annotations = page.node.lookup(PDFName.of("Annots"));
  if (!(annotations instanceof PDFArray)) return;
  for (let i = 0; i < annotations.size(); i++) {
    const annotation = annotations.lookup(i);
    if (!(annotation instanceof PDFDict)) continue;
    for (const key of ["P", "Parent", "IRT"]) annotation.delete(PDFName.of(key));
    pageToNumber(annotation.lookup(PDFName.of("Dest")), indexOfPage);
    const action = annotation.lookup(PDFName.of("A"));
    if (action instanceof PDFDict) {
      pageToNumber(action.lookup(PDFName.of("D")), indexOfPage);
      action.delete(PDFName.of("Next"));
    }
  }
}

function pageToNumber(destination: unknown, indexOfPage: Map<string, number>): void {
  if (!(destination instanceof PDFArray)) return;
  const first = destination.get(0);
  if (first instanceof PDFRef) {
    const index = indexOfPage.get(first.toString());
    // A reference to anything else than a page of this document goes: it could lead anywhere.
    destination.set(0, index === undefined ? PDFNumber.of(0) : PDFNumber.of(index));
  }
}

function relinkAnnotations(page: PDFPage, pages: PDFPage[]): void {
  const annotations = page.node.lookup(PDFName.of("Annots"));
  if (!(annotations instanceof PDFArray)) return;
  for (let i = 0; i < annotations.size(); i++) {
    const annotation = annotations.lookup(i);
    if (!(annotation instanceof PDFDict)) continue;
    const action = annotation.lookup(PDFName.of("A"));
    for (const destination of [
      annotation.lookup(PDFName.of("Dest")),
      action instanceof PDFDict ? action.lookup(PDFName.of("D")) : undefined,
    ]) {
      if (!(destination instanceof PDFArray)) continue;
      const first = destination.get(0);
      const target = first instanceof PDFNumber ? pages[first.asNumber()] : undefined;
      if (target) destination.set(0, target.ref);
    }
  }
}

function drawReplacement(
  out: PDFDocument,
  font: PDFFont,
  plan: PagePlan,
  image: { width: number; height: number; rgb: Buffer },
  shape: { boxes: Map<string, number[]>; rotation: number },
): void {
  const page = out.addPage([plan.width, plan.height]);
  for (const [name, [x0 = 0, y0 = 0, x1 = 0, y1 = 0]] of shape.boxes) {
    page.node.set(PDFName.of(name), out.context.obj([x0, y0, x1, y1]));
  }
  page.setRotation(degrees(((shape.rotation % 360) + 360) % 360));

  const picture = out.context.register(
    out.context.stream(deflateSync(image.rgb), {
      Type: "XObject",
      Subtype: "Image",
      Width: image.width,
      Height: image.height,
      ColorSpace: "DeviceRGB",
      BitsPerComponent: 8,
      Filter: "FlateDecode",
    }),
  );
  const pictureName = page.node.newXObject("Im", picture);
  const fontName = page.node.newFontDictionary("F", font.ref);

  // From the page as shown (origin bottom-left, upright) to PDF user space.
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = plan.transform;
  const shown = invert([a, -b, c, -d, e, plan.height - f]);
  const ops: PDFOperator[] = [
    pushGraphicsState(),
    concatTransformationMatrix(...shown),
    pushGraphicsState(),
    concatTransformationMatrix(plan.width, 0, 0, plan.height, 0, 0),
    drawObject(pictureName),
    popGraphicsState(),
    beginText(),
    setFillingRgbColor(1, 1, 1),
  ];
  const markWidth = plainWidth(font, REDACTED);
  for (const rect of plan.rects) {
    const width = rect.x1 - rect.x0;
    const height = rect.y1 - rect.y0;
    const size = Math.max(1, Math.min(0.75 * height, (0.92 * width) / markWidth));
    const x = rect.x0 + (width - markWidth * size) / 2;
    const y = plan.height - rect.y1 + (height - 0.72 * size) / 2;
    ops.push(
      setFontAndSize(fontName, size),
      setTextMatrix(1, 0, 0, 1, x, y),
      showText(font.encodeText(REDACTED)),
    );
  }
  ops.push(endText(), popGraphicsState());

  // The rest of the page's text, invisible, where it was: the page can still be searched.
  const text: PDFOperator[] = [];
  for (const item of plan.items) {
    if (item.sx <= 0) continue;
    for (const run of keptRuns(item)) {
      const content = encodable(font, run.text);
      const natural = plainWidth(font, content) * item.sx;
      if (content.trim() === "" || natural <= 0) continue;
      const [ta = 0, tb = 0, tc = 0, td = 0, te = 0, tf = 0] = [
        item.u[0] * item.sx,
        item.u[1] * item.sx,
        item.v[0] * item.size,
        item.v[1] * item.size,
        item.origin[0] + item.u[0] * run.start,
        item.origin[1] + item.u[1] * run.start,
      ];
      text.push(
        setCharacterSqueeze(clamp((100 * run.width) / natural, 1, 10_000)),
        setTextMatrix(ta, tb, tc, td, te, tf),
        showText(font.encodeText(content)),
      );
    }
  }
  if (text.length > 0) {
    ops.push(
      beginText(),
      setTextRenderingMode(TextRenderingMode.Invisible),
      setFontAndSize(fontName, 1),
      ...text,
      endText(),
    );
  }
  page.pushOperators(...ops);
}

/** The runs of an item's characters that stay, with where they start and how wide they are. */
function keptRuns(item: Item): { text: string; start: number; width: number }[] {
  const runs: { text: string; start: number; width: number }[] = [];
  let first = -1;
  for (let i = 0; i <= item.str.length; i++) {
    const keep = i < item.str.length && !item.covered.has(i);
    if (keep && first < 0) first = i;
    if (!keep && first >= 0) {
      const start = item.offsets[first] ?? 0;
      runs.push({ text: item.str.slice(first, i), start, width: (item.offsets[i] ?? start) - start });
      first = -1;
    }
  }
  return runs;
}

const encodableChars = new WeakMap<PDFFont, Map<string, string>>();

/** Helvetica has only Windows-1252's characters: others lose their accents, or become "?". */
function encodable(font: PDFFont, text: string): string {
  let cache = encodableChars.get(font);
  if (!cache) encodableChars.set(font, (cache = new Map<string, string>()));
  const known = cache;
  return [...text]
    .map((char) => {
      const hit = known.get(char);
      if (hit !== undefined) return hit;
      const plain = char.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
      const result = [char, plain].find((candidate) => {
        try {
          font.encodeText(candidate);
          return candidate !== "";
        } catch {
          return false;
        }
      });
      known.set(char, result ?? "?");
      return result ?? "?";
    })
    .join("");
}

// ---------------------------------------------------------------------------
// Geometry.

function toViewport([x, y]: Vec, [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0]: number[]): Vec {
  return [a * x + c * y + e, b * x + d * y + f];
}

function invert([a, b, c, d, e, f]: [number, number, number, number, number, number]): [
  number,
  number,
  number,
  number,
  number,
  number,
] {
  const det = a * d - b * c || 1;
  return [d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det];
}

function bounds(points: Vec[]): Rect {
  const xs = points.map((point) => point[0]);
  const ys = points.map((point) => point[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

function clip(rect: Rect, width: number, height: number): Rect | null {
  const clipped = {
    x0: Math.max(0, rect.x0),
    y0: Math.max(0, rect.y0),
    x1: Math.min(width, rect.x1),
    y1: Math.min(height, rect.y1),
  };
  return clipped.x1 > clipped.x0 && clipped.y1 > clipped.y0 ? clipped : null;
}

function intersection(a: Rect, b: Rect): Rect | null {
  const rect = {
    x0: Math.max(a.x0, b.x0),
    y0: Math.max(a.y0, b.y0),
    x1: Math.min(a.x1, b.x1),
    y1: Math.min(a.y1, b.y1),
  };
  return rect.x1 > rect.x0 && rect.y1 > rect.y0 ? rect : null;
}

/**
 * Boxes that mostly overlap (one place found by two redactions) become one,
 * so that each place gets one "[redacted]". Boxes on neighbouring lines,
 * which touch only by their margins, stay apart.
 */
function mergeRects(rects: Rect[]): Rect[] {
  const merged = rects.map((rect) => ({ ...rect }));
  for (let changed = true; changed;) {
    changed = false;
    outer: for (let i = 0; i < merged.length; i++) {
      for (let j = i + 1; j < merged.length; j++) {
        const first = merged[i];
        const second = merged[j];
        if (first && second && mostlyOverlap(first, second)) {
          merged[i] = {
            x0: Math.min(first.x0, second.x0),
            y0: Math.min(first.y0, second.y0),
            x1: Math.max(first.x1, second.x1),
            y1: Math.max(first.y1, second.y1),
          };
          merged.splice(j, 1);
          changed = true;
          break outer;
        }
      }
    }
  }
  return merged;
}

function mostlyOverlap(a: Rect, b: Rect): boolean {
  const overlap = intersection(a, b);
  if (!overlap) return false;
  const area = (rect: Rect) => (rect.x1 - rect.x0) * (rect.y1 - rect.y0);
  return area(overlap) >= 0.5 * Math.min(area(a), area(b));
}

const add = (p: Vec, q: Vec): Vec => [p[0] + q[0], p[1] + q[1]];
const sub = (p: Vec, q: Vec): Vec => [p[0] - q[0], p[1] - q[1]];
const scale = (p: Vec, k: number): Vec => [p[0] * k, p[1] * k];
const dot = (p: Vec, q: Vec): number => p[0] * q[0] + p[1] * q[1];
const cross = (p: Vec, q: Vec): number => p[0] * q[1] - p[1] * q[0];
const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));
const round = (value: number) => Math.round(value * 10) / 10;
