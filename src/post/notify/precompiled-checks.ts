import { PDFDocument } from "pdf-lib";
import { getDocumentProxy } from "unpdf";

// Checks a PDF against GOV.UK Notify's precompiled-letter rules before it is
// sent, so a letter Notify would refuse is stopped here with the reason.
//
// Sources:
// - Notify's letter specification (notifications-admin,
//   app/templates/views/guidance/using-notify/letter-specification.html;
//   https://www.notifications.service.gov.uk/using-notify/guidance/letter-specification):
//   "A4 portrait (210 × 297 mm)", "Maximum file size: 2 MB", "10 pages or less".
// - Notify's validator (alphagov/notifications-template-preview, app/precompiled.py):
//   pages are A4 portrait within 2 mm (a landscape page rotated 90/270 counts);
//   the printable area is 15 mm from the sides and 5 mm from the top and bottom;
//   page 1 may only print in four areas: the logo (15–125 mm across, 5–30 mm
//   down), the service's address (125–195 mm, 5–95 mm), the recipient's
//   address window (24.6–120 mm, 39.5–66.3 mm) and the body (15–195 mm,
//   95–292 mm); every boundary is 1 mm more generous when checked.
//
// Notify renders each page and looks for any non-white pixel outside those
// areas; this looks at where the text is (text is what our own letters place),
// so a stray image or rule outside the areas is not caught here.

export type PrecompiledRule =
  "pdf" | "file-size" | "page-count" | "a4-portrait" | "printable-area" | "address-window";

export interface PrecompiledProblem {
  /** 1-based; absent for rules about the whole file. */
  page?: number;
  rule: PrecompiledRule;
  message: string;
}

export interface PrecompiledCheck {
  ok: boolean;
  problems: PrecompiledProblem[];
}

export const MAX_PAGES = 10;
export const MAX_BYTES = 2 * 1024 * 1024;

const MM = 72 / 25.4;
const A4 = { width: 210, height: 297 };
const SIZE_TOLERANCE_MM = 2;
const AREA_TOLERANCE_MM = 1;

/** An area in mm from the page's top-left corner. */
interface Area {
  name: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const ADDRESS_WINDOW: Area = {
  name: "address window",
  left: 24.6,
  right: 120,
  top: 39.5,
  bottom: 66.3,
};
const FIRST_PAGE_AREAS: Area[] = [
  { name: "logo area", left: 15, right: 125, top: 5, bottom: 30 },
  { name: "sender's address area", left: 125, right: 195, top: 5, bottom: 95 },
  ADDRESS_WINDOW,
  { name: "body", left: 15, right: 195, top: 95, bottom: 292 },
];
const LATER_PAGE_AREAS: Area[] = [{ name: "printable area", left: 15, right: 195, top: 5, bottom: 292 }];

/** A line of text's box, mm from the top-left corner. */
interface TextBox {
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export async function checkPrecompiledPdf(bytes: Uint8Array): Promise<PrecompiledCheck> {
  const problems: PrecompiledProblem[] = [];
  if (bytes.byteLength > MAX_BYTES) {
    problems.push({
      rule: "file-size",
      message: `the file is ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB; Notify takes at most 2 MB`,
    });
  }

  let document: PDFDocument;
  try {
    document = await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [...problems, { rule: "pdf", message: `not a readable PDF (${reason})` }] };
  }

  const pages = document.getPages();
  if (pages.length > MAX_PAGES) {
    problems.push({
      rule: "page-count",
      message: `the letter has ${pages.length} pages; Notify takes at most ${MAX_PAGES} (5 double-sided sheets)`,
    });
  }
  pages.forEach((page, index) => {
    const { width, height } = page.getSize();
    const rotation = ((page.getRotation().angle % 360) + 360) % 360;
    if (!isA4Portrait(width / MM, height / MM, rotation)) {
      problems.push({
        page: index + 1,
        rule: "a4-portrait",
        message: `the page is ${Math.round(width / MM)} × ${Math.round(height / MM)} mm${
          rotation ? ` turned ${rotation}°` : ""
        }, not A4 portrait (210 × 297 mm)`,
      });
    }
  });

  // Where text sits only means something on an A4 portrait page.
  const pageSizesOk = !problems.some((problem) => problem.rule === "a4-portrait");
  if (pageSizesOk) problems.push(...(await checkTextPlacement(bytes)));
  return { ok: problems.length === 0, problems };
}

function isA4Portrait(widthMm: number, heightMm: number, rotation: number): boolean {
  const near = (a: number, b: number) => Math.abs(a - b) <= SIZE_TOLERANCE_MM;
  if (near(widthMm, A4.width) && near(heightMm, A4.height)) return rotation === 0 || rotation === 180;
  if (near(widthMm, A4.height) && near(heightMm, A4.width)) return rotation === 90 || rotation === 270;
  return false;
}

async function checkTextPlacement(bytes: Uint8Array): Promise<PrecompiledProblem[]> {
  const problems: PrecompiledProblem[] = [];
  // pdf.js may take over the buffer it is given: hand it a copy.
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  try {
    for (let number = 1; number <= pdf.numPages; number++) {
      const boxes = await textBoxes(pdf, number);
      const areas = number === 1 ? FIRST_PAGE_AREAS : LATER_PAGE_AREAS;
      let inWindow = 0;
      for (const box of boxes) {
        if (number === 1 && within(box, ADDRESS_WINDOW)) inWindow++;
        if (areas.some((area) => within(box, area))) continue;
        const strayFromWindow = number === 1 && overlaps(box, ADDRESS_WINDOW);
        problems.push({
          page: number,
          rule: strayFromWindow ? "address-window" : "printable-area",
          message: strayFromWindow
            ? `"${clip(box.text)}" reaches outside the address window (${describeArea(ADDRESS_WINDOW)}): ${describeBox(box)}`
            : `"${clip(box.text)}" is outside the printable area: ${describeBox(box)}`,
        });
      }
      if (number === 1 && inWindow === 0) {
        problems.push({
          page: 1,
          rule: "address-window",
          message: `no address in the address window (${describeArea(ADDRESS_WINDOW)})`,
        });
      }
    }
  } finally {
    await pdf.loadingTask.destroy();
  }
  return problems;
}

type PdfProxy = Awaited<ReturnType<typeof getDocumentProxy>>;

async function textBoxes(pdf: PdfProxy, number: number): Promise<TextBox[]> {
  const page = await pdf.getPage(number);
  // The viewport maps PDF space (origin bottom-left, any crop box, any
  // rotation) to the page as printed, origin top-left, in points.
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const boxes: TextBox[] = [];
  for (const item of content.items) {
    if (!("str" in item) || item.str.trim() === "") continue;
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = item.transform as number[];
    const size = Math.hypot(c, d) || item.height;
    const along = unit(a, b);
    const up = unit(c, d);
    // The glyphs' box: the advance along the baseline, the font's ascent
    // above it (about the font size) and its descent below (about a fifth).
    const corners = [0, item.width].flatMap((x) =>
      [-0.2 * size, size].map(
        (y) =>
          viewport.convertToViewportPoint(
            e + along[0] * x + up[0] * y,
            f + along[1] * x + up[1] * y,
          ) as number[],
      ),
    );
    const xs = corners.map(([x = 0]) => x / MM);
    const ys = corners.map(([, y = 0]) => y / MM);
    boxes.push({
      text: item.str,
      left: Math.min(...xs),
      right: Math.max(...xs),
      top: Math.min(...ys),
      bottom: Math.max(...ys),
    });
  }
  page.cleanup();
  return boxes;
}

function unit(x: number, y: number): [number, number] {
  const length = Math.hypot(x, y);
  return length === 0 ? [1, 0] : [x / length, y / length];
}

function within(box: TextBox, area: Area): boolean {
  const t = AREA_TOLERANCE_MM;
  return (
    box.left >= area.left - t &&
    box.right <= area.right + t &&
    box.top >= area.top - t &&
    box.bottom <= area.bottom + t
  );
}

function overlaps(box: TextBox, area: Area): boolean {
  return box.left < area.right && box.right > area.left && box.top < area.bottom && box.bottom > area.top;
}

const mm = (value: number) => value.toFixed(1);
const describeArea = (area: Area) =>
  `${area.left}–${area.right} mm from the left, ${area.top}–${area.bottom} mm from the top`;
const describeBox = (box: TextBox) =>
  `it spans ${mm(box.left)}–${mm(box.right)} mm from the left, ${mm(box.top)}–${mm(box.bottom)} mm from the top`;
const clip = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text);
