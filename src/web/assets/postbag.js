// Progressive enhancement only: every page works without this file. It marks
// the page as scripted (govuk-frontend's CSS keys off these classes), starts
// govuk-frontend's components, on the letter editor the live preview, and on
// the board a "select all shown" box over the letters' boxes.
// Kept out of the HTML so the CSP needs no inline script.
import { initAll } from "/assets/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

const editor = document.querySelector("form[data-live-preview]");
if (editor) {
  const { startLivePreview } = await import("/assets/live-preview.js");
  startLivePreview(editor);
}

const board = document.querySelector("form#letters");
if (board) {
  const { addSelectAll } = await import("/assets/select-all.js");
  addSelectAll(board);
}
