// The staff app's addresses of a campaign and of a letter, built in one
// place: ids are plain names, but a URL is built from text all the same.

export function campaignPath(campaign: string): string {
  return `/manage/campaigns/${encodeURIComponent(campaign)}`;
}

/** The letter's own URL; a chaser's is under /chasers (the recipient's newest chaser). */
export function letterPath(campaign: string, recipient: string, kind = "letter"): string {
  return `${campaignPath(campaign)}/${kind === "chaser" ? "chasers" : "letters"}/${encodeURIComponent(recipient)}`;
}
