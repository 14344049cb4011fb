import { eq } from "drizzle-orm";
import type { CheckContext } from "../../documents/document.ts";
import type { Db, Tx } from "../../store/database.ts";
import { contacts, organisations, recipients } from "../../store/schema.ts";

// What the checks should not flag as personal data: the people written to and
// the directory's contacts (public office-holders), and the bodies' own
// postcodes and web or mail domains.

export async function loadCheckContext(db: Db | Tx, campaignId: string): Promise<CheckContext> {
  const people = new Set<string>();
  const postcodes = new Set<string>();
  const domains = new Set<string>();
  const rows = await db
    .select({ fields: recipients.fields })
    .from(recipients)
    .where(eq(recipients.campaignId, campaignId));
  for (const { fields } of rows) {
    if (fields["name"]) people.add(fields["name"]);
    if (fields["postcode"]) postcodes.add(fields["postcode"]);
    const email = fields["email"] ?? "";
    if (email.includes("@")) domains.add(email.split("@")[1]!.toLowerCase());
  }
  for (const contact of await db.select().from(contacts)) {
    people.add(contact.name);
    if (contact.email.includes("@")) domains.add(contact.email.split("@")[1]!.toLowerCase());
  }
  for (const body of await db.select({ website: organisations.website }).from(organisations)) {
    const host = hostOf(body.website);
    if (host) domains.add(host);
  }
  return { publicPeople: [...people], publicPostcodes: [...postcodes], publicEmailDomains: [...domains] };
}

function hostOf(website: string): string | null {
  try {
    return new URL(/^https?:\/\//.test(website) ? website : `https://${website}`).hostname.replace(
      /^www\./,
      "",
    );
  } catch {
    return null;
  }
}
