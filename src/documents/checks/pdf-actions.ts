import type { PDFDict } from "pdf-lib";
import type { Finding } from "../document.ts";
import { block, quote } from "./findings.ts";
import { nameOf, textOf } from "./pdf-values.ts";

// Actions a PDF can take that the JavaScript check (a JavaScript action or a
// /JS entry) does not see: a link whose address is a script ("javascript:…",
// run by the reader when it is clicked), a Launch action (opens a program or
// another file on the reader's computer) and a form that submits what is
// typed into it somewhere. Each is an action dictionary (/S), wherever it is
// hung: the document's OpenAction, a page's or an annotation's /A or /AA, a
// form field, the names tree.

/** Schemes a reader runs rather than opens; control characters and spaces are ignored, as browsers do. */
const SCRIPT_SCHEME = /^(?:javascript|vbscript|livescript|data):/i;

export function actionFindings(dict: PDFDict, location: string): Finding[] {
  switch (nameOf(dict, "S")) {
    case "URI": {
      const address = textOf(dict, "URI") ?? "";
      // eslint-disable-next-line no-control-regex -- control characters hidden in a scheme are the point
      if (!SCRIPT_SCHEME.test(address.replace(/[\u0000-\u0020\u007f]/g, ""))) return [];
      return [
        block(
          "pdf-javascript",
          location,
          `A link in the PDF runs a script when clicked instead of opening a page: ${quote(address, 60)}.`,
        ),
      ];
    }
    case "Launch":
      return [
        block(
          "pdf-launch-action",
          location,
          "The PDF can open a program or another file on the reader's computer (a Launch action).",
        ),
      ];
    case "SubmitForm":
    case "ImportData": {
      const target = textOf(dict, "F") ?? "";
      return [
        block(
          "pdf-form-submission",
          location,
          `The PDF sends or fetches form data${target ? ` (${quote(target, 60)})` : ""} when its form is used.`,
        ),
      ];
    }
    default:
      return [];
  }
}
