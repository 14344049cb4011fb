import { NATION_NAMES, NATIONS, type Nation } from "../../../campaigns/deadlines/nation.ts";
import type { DirectoryEntry } from "../../../campaigns/queries/directory.ts";
import { PostbagError } from "../../../errors.ts";

// What the directory's pages show, worked out here so the templates only lay
// it out. Websites and emails come from imports as well as from the forms, and
// imports do not check them, so links are made only from values that are safe.

/** An http(s) address to link to, or null: a `javascript:` or garbled value stays text. */
export function websiteHref(website: string): string | null {
  try {
    const url = new URL(website.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** A mailto: link for a plain address only, so an import cannot smuggle in `?bcc=`. */
export function mailtoHref(email: string): string | null {
  return /^[^\s@?&#/:]+@[^\s@?&#/:]+\.[^\s@?&#/:]+$/.test(email) ? `mailto:${email}` : null;
}

export function nationName(nation: string | null): string {
  return nation && nation in NATION_NAMES ? NATION_NAMES[nation as Nation] : (nation ?? "");
}

/** The nation select's options; the values are the ones saveOrganisation's parseNation accepts. */
export function nationItems(selected: string | null | undefined) {
  return [
    { value: "", text: "None (not tied to one nation)", selected: !selected },
    ...NATIONS.map((nation) => ({
      value: nation,
      text: NATION_NAMES[nation],
      selected: selected === nation,
    })),
  ];
}

/** An organisation's or contact's id from the URL; anything else is a page that does not exist. */
export function parseId(text: string, what: string): number {
  const id = /^[1-9]\d{0,9}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(id) || id > 2_147_483_647) {
    throw new PostbagError("not_found", `there is no ${what} ${text}`);
  }
  return id;
}

export function findEntry(entries: DirectoryEntry[], id: number): DirectoryEntry {
  const entry = entries.find((candidate) => candidate.id === id);
  if (!entry) throw new PostbagError("not_found", `there is no organisation ${id} in the directory`);
  return entry;
}

/** The list page's rows, narrowed to names containing `text` (any case). */
export function directoryRows(entries: DirectoryEntry[], text: string) {
  const wanted = text.trim().toLowerCase();
  return entries
    .filter((entry) => entry.name.toLowerCase().includes(wanted))
    .map((entry) => ({
      ...entry,
      href: `/manage/directory/${entry.id}`,
      nationName: nationName(entry.nation),
      websiteHref: websiteHref(entry.website),
      contactCount: entry.contacts.length,
    }));
}

/** One organisation's page: its entry with links worked out. */
export function organisationView(entry: DirectoryEntry) {
  return {
    ...entry,
    href: `/manage/directory/${entry.id}`,
    nationName: nationName(entry.nation),
    websiteHref: websiteHref(entry.website),
    contacts: entry.contacts.map((contact) => ({
      ...contact,
      mailto: mailtoHref(contact.email),
      href: `/manage/directory/${entry.id}/contacts/${contact.id}`,
    })),
  };
}
