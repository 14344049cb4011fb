import { eq, inArray } from "drizzle-orm";
import type { Tx } from "../../../store/database.ts";
import { inBatches } from "../../../store/in-batches.ts";
import { contacts, organisations } from "../../../store/schema.ts";

// The public bodies recipients write for, and the people named, in the
// directory: one organisation per `organisation` column value (else the
// recipient's title: the office, such as "Sussex Police and Crime
// Commissioner"), the named person one of its contacts. Written in a few
// statements for a whole import: what exists is read once, what is new is
// inserted together, and only what changed is updated.

export interface DirectoryRow {
  fields: Record<string, string>;
  nation: string;
}

type OrganisationValues = { kind: string; nation: string; website: string };

/** Each row's organisation id, in the order of the rows. */
export async function saveDirectory(tx: Tx, rows: DirectoryRow[]): Promise<number[]> {
  const names = rows.map(({ fields }) => (fields.organisation || fields.title || "").trim());
  // As row by row: a later row's values for the same organisation win.
  const wanted = new Map<string, OrganisationValues>();
  rows.forEach(({ fields, nation }, index) =>
    wanted.set(names[index]!, { kind: fields.organisationkind ?? "", nation, website: fields.website ?? "" }),
  );
  const ids = await saveOrganisations(tx, wanted);
  const organisationIds = names.map((name) => ids.get(name)!);
  await saveContacts(tx, rows, organisationIds);
  return organisationIds;
}

async function saveOrganisations(
  tx: Tx,
  wanted: Map<string, OrganisationValues>,
): Promise<Map<string, number>> {
  const existing = await inBatches([...wanted.keys()], (names) =>
    tx.select().from(organisations).where(inArray(organisations.name, names)),
  );
  const ids = new Map(existing.map((row) => [row.name, row.id]));
  for (const row of existing) {
    const values = wanted.get(row.name)!;
    if (row.kind !== values.kind || row.nation !== values.nation || row.website !== values.website) {
      await tx.update(organisations).set(values).where(eq(organisations.id, row.id));
    }
  }
  const fresh = [...wanted].filter(([name]) => !ids.has(name)).map(([name, values]) => ({ name, ...values }));
  const inserted = await inBatches(fresh, (batch) =>
    tx.insert(organisations).values(batch).returning({ id: organisations.id, name: organisations.name }),
  );
  for (const row of inserted) ids.set(row.name, row.id);
  return ids;
}

async function saveContacts(tx: Tx, rows: DirectoryRow[], organisationIds: number[]): Promise<void> {
  const wanted = new Map<string, { organisationId: number; name: string; role: string; email: string }>();
  rows.forEach(({ fields }, index) => {
    const name = (fields.name ?? "").trim();
    const organisationId = organisationIds[index]!;
    if (name)
      wanted.set(`${organisationId}\u0000${name}`, {
        organisationId,
        name,
        role: fields.title ?? "",
        email: fields.email ?? "",
      });
  });
  if (wanted.size === 0) return;
  const existing = await inBatches([...new Set(organisationIds)], (ids) =>
    tx.select().from(contacts).where(inArray(contacts.organisationId, ids)),
  );
  const known = new Map<string, (typeof existing)[number]>();
  for (const row of existing) {
    const key = `${row.organisationId}\u0000${row.name}`;
    if (!known.has(key)) known.set(key, row);
  }
  const fresh = [];
  for (const [key, contact] of wanted) {
    const row = known.get(key);
    if (!row) fresh.push(contact);
    else if (row.role !== contact.role || row.email !== contact.email) {
      await tx
        .update(contacts)
        .set({ role: contact.role, email: contact.email })
        .where(eq(contacts.id, row.id));
    }
  }
  await inBatches(fresh, (batch) => tx.insert(contacts).values(batch).returning({ id: contacts.id }));
}
