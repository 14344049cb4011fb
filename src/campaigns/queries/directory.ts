import { asc, desc, eq } from "drizzle-orm";
import type { Database } from "../../store/database.ts";
import { campaigns, contacts, organisations, recipients } from "../../store/schema.ts";

export interface DirectoryEntry {
  id: number;
  name: string;
  kind: string;
  nation: string | null;
  website: string;
  contacts: { id: number; name: string; role: string; email: string }[];
  /** Campaigns in which the organisation is a recipient, newest first. */
  campaigns: { id: string; title: string; date: string }[];
}

/** The directory of public bodies, by name, in three queries whatever its size. */
export async function listOrganisations(deps: { database(): Promise<Database> }): Promise<DirectoryEntry[]> {
  const { db } = await deps.database();
  const bodies = await db.select().from(organisations).orderBy(asc(organisations.name));
  const people = await db
    .select()
    .from(contacts)
    .orderBy(asc(contacts.organisationId), asc(contacts.name), asc(contacts.id));
  const recipientOf = await db
    .selectDistinct({
      organisationId: recipients.organisationId,
      id: campaigns.id,
      title: campaigns.title,
      date: campaigns.date,
    })
    .from(recipients)
    .innerJoin(campaigns, eq(campaigns.id, recipients.campaignId))
    .orderBy(asc(recipients.organisationId), desc(campaigns.date), asc(campaigns.id));
  const entries = new Map<number, DirectoryEntry>(
    bodies.map((body) => [body.id, { ...body, contacts: [], campaigns: [] }]),
  );
  for (const { organisationId, ...contact } of people) {
    entries.get(organisationId)?.contacts.push(contact);
  }
  for (const { organisationId, ...campaign } of recipientOf) {
    if (organisationId !== null) entries.get(organisationId)?.campaigns.push(campaign);
  }
  return [...entries.values()];
}
