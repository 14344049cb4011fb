// The letter model: what every renderer receives. It is plain data (JSON-safe)
// so it can cross into worker processes and into Typst as `sys.inputs`.
// Text from users only ever sits in `text` nodes' `v`, and is printed as written.

export type Inline =
  | { t: "text"; v: string }
  | { t: "strong"; c: Inline[] }
  | { t: "em"; c: Inline[] }
  | { t: "link"; href: string; c: Inline[] }
  | { t: "br" }
  /** A footnote reference; `first` marks the reference that introduces note `n`. */
  | { t: "fnref"; n: number; first: boolean };

export type Block =
  | { t: "p"; c: Inline[] }
  /** A `#` heading: printed as a bold subject line where it stands. */
  | { t: "h"; c: Inline[] }
  | { t: "ul"; items: Block[][] }
  | { t: "ol"; start: number; items: Block[][] }
  | { t: "pagebreak" };

export interface Footnote {
  /** 1-based, in order of first reference in this letter. */
  n: number;
  c: Inline[];
}

export interface Sender {
  name: string;
  role: string;
  address: string[];
  phone: string;
  email: string;
}

export interface Signature {
  /** Image bytes as a plain array of numbers (JSON-safe). */
  bytes: number[];
  format: "png" | "jpg" | "svg";
}

export interface Signatory {
  name: string;
  role: string;
  signature: Signature | null;
}

/** Where a letter's data came from, so errors found while rendering can name it. */
export interface LetterSource {
  file: string;
  /** The recipient's row (header = row 1) or, for CSV, its first line. */
  row: number;
  rowLabel: "row" | "line";
  /** The column each address line came from, in the order of `address`. */
  addressColumns: string[];
}

export interface Letter {
  /** The recipient id: used for file names. */
  id: string;
  /** Document title (PDF and HTML title, DOCX core property). */
  title: string;
  lang: string;
  /** The printed date, e.g. "13 October 2020". */
  date: string;
  /** The campaign date, used as the fixed creation date of every file. */
  created: { year: number; month: number; day: number };
  sender: Sender;
  signatory: Signatory;
  /** Address block lines: name (if any), title, address lines, postcode. */
  address: string[];
  salutation: string;
  sign_off: string;
  body: Block[];
  footnotes: Footnote[];
  source: LetterSource;
}

export type Format = "pdf" | "docx" | "html" | "txt";
export const FORMATS: readonly Format[] = ["pdf", "docx", "html", "txt"];

export interface RenderOptions {
  /** PDF standard: PDF/UA-1 by default, PDF/A-2b on request. */
  pdfStandard: "ua-1" | "a-2b";
}
