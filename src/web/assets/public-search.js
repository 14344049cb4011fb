// Search in the browser, for the static copy of the public site: reads
// /search-index.json (everything published, and only that) and searches it
// with the words and filters of the page's form. Results are made with DOM
// methods and textContent, so nothing from the index can become markup.

const form = document.querySelector("form[data-public-search]");
const results = document.getElementById("search-results");
const SHOWN = 50;

const KINDS = { campaign: "Campaign", letter: "Letter", reply: "Reply", document: "Reply document" };
const DATE = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/** A light English stemmer: "publishing", "published" and "publishes" all become "publish". */
export function stem(word) {
  let w = word.toLowerCase().replace(/['’]s$/, "");
  if (w.length <= 3) return w;
  if (w.endsWith("ies") && w.length > 4) return `${w.slice(0, -3)}y`;
  for (const suffix of ["ings", "ing", "edly", "ed", "es", "s"]) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3 && !w.endsWith("ss")) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  if (/([^aeiouls])\1$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith("e") && w.length > 4) w = w.slice(0, -1);
  return w;
}

export function words(text) {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Entries that hold every word of the query (stemmed) and pass every filter, best first. */
export function searchIndex(index, { q, campaign, body, state }) {
  const terms = [...new Set(words(q).map(stem))];
  if (terms.length === 0 && !campaign && !body && !state) return [];
  const found = [];
  for (const entry of index.entries) {
    if (campaign && entry.campaign !== campaign) continue;
    if (body && entry.organisation !== body) continue;
    if (state && !entry.states.includes(state)) continue;
    entry.stems ??= countStems(`${entry.title}\n${entry.text}`);
    let score = 0;
    let all = true;
    for (const term of terms) {
      const count = entry.stems.get(term) ?? 0;
      if (count === 0) {
        all = false;
        break;
      }
      score += count;
    }
    if (all) found.push({ entry, score });
  }
  found.sort((a, b) => b.score - a.score || String(b.entry.on).localeCompare(String(a.entry.on)));
  return found.map(({ entry }) => ({ ...entry, snippet: snippet(entry.text, terms) }));
}

function countStems(text) {
  const counts = new Map();
  for (const word of words(text)) {
    const key = stem(word);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** About thirty words of the text around the first word found. */
export function snippet(text, terms) {
  const all = text.split(/\s+/).filter(Boolean);
  const at = all.findIndex((word) => words(word).some((w) => terms.includes(stem(w))));
  const start = Math.max(0, at - 12);
  const part = all.slice(start, start + 30).join(" ");
  return `${start > 0 ? "… " : ""}${part}${start + 30 < all.length ? " …" : ""}`;
}

function element(name, className, text) {
  const node = document.createElement(name);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function show(index, query) {
  const hits = searchIndex(index, query);
  const titles = new Map(index.campaigns.map((campaign) => [campaign.id, campaign.title]));
  results.replaceChildren();
  const heading = element("h2", "govuk-heading-l", "Results");
  heading.id = "results-heading";
  results.append(heading);
  if (hits.length === 0) {
    results.append(element("p", "govuk-body", "No published letters or replies match your search."));
    return;
  }
  const shown = Math.min(hits.length, SHOWN);
  results.append(
    element(
      "p",
      "govuk-body",
      `Showing 1 to ${shown} of ${hits.length} ${hits.length === 1 ? "result" : "results"}`,
    ),
  );
  const list = element("ol", "govuk-list postbag-results");
  list.setAttribute("aria-labelledby", "results-heading");
  for (const hit of hits.slice(0, SHOWN)) {
    const item = element("li", "postbag-results__item");
    const title = element("h3", "govuk-heading-s govuk-!-margin-bottom-1");
    const link = element("a", "govuk-link", hit.title);
    link.href = hit.url;
    title.append(link);
    const about = [KINDS[hit.kind] ?? hit.kind, titles.get(hit.campaign) ?? hit.campaign];
    if (hit.organisation) about.push(hit.organisation);
    if (hit.on) about.push(DATE.format(new Date(`${hit.on.slice(0, 10)}T00:00:00Z`)));
    item.append(
      title,
      element("p", "govuk-body-s govuk-!-margin-bottom-1 postbag-secondary", about.join(" · ")),
      element("p", "govuk-body", hit.snippet),
    );
    list.append(item);
  }
  results.append(list);
}

async function start() {
  const params = new URLSearchParams(window.location.search);
  const query = {
    q: (params.get("q") ?? "").slice(0, 200),
    campaign: params.get("campaign") ?? "",
    body: params.get("body") ?? "",
    state: params.get("state") ?? "",
  };
  for (const [name, value] of Object.entries(query)) {
    const field = form.elements.namedItem(name);
    if (field) field.value = value;
  }
  results.querySelector("[data-no-script]")?.remove();
  if (!query.q && !query.campaign && !query.body && !query.state) return;
  const response = await fetch(form.dataset.publicSearch);
  if (!response.ok) {
    results.replaceChildren(element("p", "govuk-body", "Search is not available just now."));
    return;
  }
  show(await response.json(), query);
}

if (form && results) await start();
