// The letter editor's live preview: as the letter is typed or another
// recipient chosen, the form is sent to the same Preview action the button
// uses, and the page's preview region is replaced by the one in the answer.
// Without JavaScript the Preview button does the same.

const DELAY_MS = 600;

export function startLivePreview(form) {
  const region = document.getElementById("live-preview");
  if (!region) return;
  let timer;
  let latest = 0;
  const refresh = async () => {
    const asked = ++latest;
    const response = await fetch(form.dataset.livePreview, {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      credentials: "same-origin",
    });
    // An answer to an older request must not replace a newer one.
    if (asked !== latest) return;
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = page.getElementById("live-preview");
    if (fresh) region.replaceChildren(...fresh.childNodes);
  };
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh().catch(() => {}), DELAY_MS);
  };
  form.querySelector("textarea")?.addEventListener("input", soon);
  form.querySelector("select")?.addEventListener("change", soon);
}
