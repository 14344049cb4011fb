// A PDF page's text items rebuilt into printed lines. pdf.js lists items in
// the order the producer wrote them, which is not always reading order, so
// lines are found from positions: items on one baseline, left to right.

/** A run of text in a line, with what separates it from the run before. */
export interface Piece {
  text: string;
  /** "" (glued), " ", or a line or block separator when the writer puts one in. */
  before: string;
  /** An http:, https: or mailto: link over the text. */
  url?: string;
  /** A footnote reference: digits printed small and raised, as `[^n]`. */
  ref?: boolean;
}

export interface PdfLine {
  pieces: Piece[];
  /** Baseline, in points up from the page's foot. */
  y: number;
  x: number;
  /** The font size of its largest text (a raised reference does not count). */
  size: number;
  /** The pieces as plain text, for recognising page numbers and notes. */
  text: string;
}

/** The part of pdf.js' TextItem used here. */
export interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

export interface LinkBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  url: string;
}

interface Run {
  text: string;
  x: number;
  y: number;
  size: number;
  width: number;
}

/** The page's lines, top to bottom. */
export function pageLines(items: readonly TextItemLike[], links: readonly LinkBox[]): PdfLine[] {
  const runs = items.flatMap((item) => {
    const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform;
    // Rotated text (a stamp, a margin note) is not part of the letter's lines.
    if (item.str.trim() === "" || Math.abs(b) > 0.01 * Math.abs(a) || Math.abs(c) > 0.01 * Math.abs(d))
      return [];
    return [{ text: item.str, x, y, size: Math.hypot(c, d) || item.height, width: item.width }];
  });
  runs.sort((p, q) => q.y - p.y || p.x - q.x);

  // A raised reference sits up to about 0.4 em above its line's baseline, a
  // neighbouring line at least 0.9 em away: the tolerance lies between.
  const rows: { y: number; size: number; runs: Run[] }[] = [];
  for (const run of runs) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(row.y - run.y) <= 0.6 * Math.max(row.size, run.size)) {
      row.runs.push(run);
      if (run.size > row.size) Object.assign(row, { y: run.y, size: run.size });
    } else {
      rows.push({ y: run.y, size: run.size, runs: [run] });
    }
  }
  return rows
    .flatMap((row) =>
      splitColumns(
        row.runs.sort((p, q) => p.x - q.x),
        row.size,
      ),
    )
    .map((line) => toLine(line, links));
}

/** Text far apart on one baseline (a tab stop, two columns) is two lines, so frame lines stay apart. */
function splitColumns(runs: Run[], size: number): Run[][] {
  const parts: Run[][] = [];
  runs.forEach((run, index) => {
    const previous = runs[index - 1];
    if (!previous || run.x - (previous.x + previous.width) > 3 * size) parts.push([run]);
    else parts[parts.length - 1]?.push(run);
  });
  return parts;
}

function toLine(runs: Run[], links: readonly LinkBox[]): PdfLine {
  const size = Math.max(...runs.map((run) => run.size));
  const baseline = runs.find((run) => run.size === size)?.y ?? 0;
  const pieces = runs.map((run, index): Piece => {
    const previous = runs[index - 1];
    const ref = /^\s*\d{1,3}\s*$/.test(run.text) && run.size <= 0.8 * size && run.y - baseline >= 0.15 * size;
    const text = run.text.replace(/\s+/g, " ");
    // Producers write a space as its own item, inside an item, or only as a gap.
    const gap = previous ? run.x - (previous.x + previous.width) : 0;
    const spaced = previous && (gap > 0.15 * size || /\s$/.test(previous.text) || /^\s/.test(text));
    if (ref) return { text: `[^${text.trim()}]`, before: "", ref };
    const url = links.find((link) => covers(link, run))?.url;
    return { text: text.trim(), before: spaced ? " " : "", ...(url ? { url } : {}) };
  });
  const text = pieces.map((piece) => piece.before + piece.text).join("");
  return { pieces, y: baseline, x: runs[0]?.x ?? 0, size, text };
}

/** Most of the run lies across the link's box, at the height of its middle. */
function covers(link: LinkBox, run: Run): boolean {
  const middle = run.y + 0.3 * run.size;
  const overlap = Math.min(link.x1, run.x + run.width) - Math.max(link.x0, run.x);
  return middle >= link.y0 && middle <= link.y1 && overlap >= 0.6 * run.width;
}
