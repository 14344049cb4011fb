// Where each public thing lives. The same paths are served by the app and
// written by the static export, so every page is a folder with index.html
// (or a named file) that any web server can serve as it is.

const part = (value: string) => encodeURIComponent(value);

export const publicUrls = {
  home: () => "/",
  homeJson: () => "/index.json",
  feed: () => "/feed.atom",
  search: () => "/search/",
  searchJson: () => "/search.json",
  searchIndex: () => "/search-index.json",
  campaign: (campaign: string) => `/campaigns/${part(campaign)}/`,
  campaignJson: (campaign: string) => `/campaigns/${part(campaign)}/index.json`,
  campaignFeed: (campaign: string) => `/campaigns/${part(campaign)}/feed.atom`,
  digest: (campaign: string) => `/campaigns/${part(campaign)}/digest/`,
  digestJson: (campaign: string) => `/campaigns/${part(campaign)}/digest/index.json`,
  letter: (campaign: string, recipient: string) => `/campaigns/${part(campaign)}/letters/${part(recipient)}/`,
  letterJson: (campaign: string, recipient: string) => `${publicUrls.letter(campaign, recipient)}index.json`,
  letterPdf: (campaign: string, recipient: string) => `${publicUrls.letter(campaign, recipient)}letter.pdf`,
  letterHtml: (campaign: string, recipient: string) => `${publicUrls.letter(campaign, recipient)}letter.html`,
  document: (campaign: string, recipient: string, document: { id: number; name: string }) =>
    `${publicUrls.letter(campaign, recipient)}documents/${document.id}/${part(safeFileName(document.name))}`,
};

/** A file name that is safe in a path on any server: letters, digits, dot, dash and underscore. */
export function safeFileName(name: string): string {
  const cleaned = name
    .normalize("NFKD")
    .replace(/[^\w.-]+/g, "-")
    .replace(/^[.-]+|-+$/g, "");
  return cleaned.slice(-120) || "file";
}
