import { and, eq } from "drizzle-orm";
import type { Tx } from "../../store/database.ts";
import { contacts, organisations } from "../../store/schema.ts";

/**
 * The public body a recipient writes for, in the directory: named by an
 * `organisation` column, else by the recipient's title (the office, such as
 * "Sussex Police and Crime Commissioner"). The named person becomes one of
 * its contacts. Returns the organisation's id.
 */
export async function saveOrganisation(
  tx: Tx,
  fields: Record<string, string>,
  nation: string,
): Promise<number> {
  const name = (fields.organisation || fields.title || "").trim();
  const values = { kind: fields.organisationkind ?? "", nation, website: fields.website ?? "" };
  const [organisation] = await tx
    .insert(organisations)
    .values({ name, ...values })
    .onConflictDoUpdate({ target: organisations.name, set: values })
    .returning({ id: organisations.id });
  const organisationId = organisation?.id ?? 0;
  const person = (fields.name ?? "").trim();
  if (person) {
    const where = and(eq(contacts.organisationId, organisationId), eq(contacts.name, person));
    const contact = { role: fields.title ?? "", email: fields.email ?? "" };
    const [existing] = await tx.select({ id: contacts.id }).from(contacts).where(where);
    if (existing) await tx.update(contacts).set(contact).where(eq(contacts.id, existing.id));
    else await tx.insert(contacts).values({ organisationId, name: person, ...contact });
  }
  return organisationId;
}
