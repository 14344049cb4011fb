import { and, eq } from "drizzle-orm";
import { PostbagError } from "../../errors.ts";
import { appendAudit } from "../../store/audit.ts";
import type { Database } from "../../store/database.ts";
import { contacts, organisations } from "../../store/schema.ts";
import { optionalEmail, requiredText } from "./directory-input.ts";
import { inTransaction } from "../../store/transaction.ts";

export interface SaveContactOptions {
  organisationId: number;
  /** The contact to change; without it, the organisation's contact of that name (as an import matches them), or a new one. */
  contactId?: number | undefined;
  name: string;
  role?: string | undefined;
  email?: string | undefined;
  actor: string;
}

export interface SavedContact {
  id: number;
  organisationId: number;
  name: string;
  role: string;
  email: string;
  created: boolean;
}

/** Adds or edits a person at a public body, with its audit entry in the same transaction. */
export async function saveContact(
  options: SaveContactOptions,
  deps: { database(): Promise<Database> },
): Promise<SavedContact> {
  const values = {
    name: requiredText(options.name, "name", "the contact's name"),
    role: (options.role ?? "").trim(),
    email: optionalEmail(options.email),
  };
  const { organisationId, actor } = options;
  const { db } = await deps.database();
  return inTransaction(db, async (tx) => {
    const [body] = await tx.select().from(organisations).where(eq(organisations.id, organisationId));
    if (!body) {
      throw new PostbagError("not_found", `there is no organisation ${organisationId}`, {
        field: "organisationId",
      });
    }
    const which =
      options.contactId === undefined ? eq(contacts.name, values.name) : eq(contacts.id, options.contactId);
    const where = and(eq(contacts.organisationId, organisationId), which);
    const [existing] = await tx.select().from(contacts).where(where).for("update");
    if (!existing && options.contactId !== undefined) {
      throw new PostbagError("not_found", `${body.name} has no contact ${options.contactId}`, {
        field: "contactId",
      });
    }
    const [saved] = existing
      ? await tx.update(contacts).set(values).where(eq(contacts.id, existing.id)).returning()
      : await tx
          .insert(contacts)
          .values({ organisationId, ...values })
          .returning();
    if (!saved) throw new PostbagError("internal", "the contact was not saved");
    await appendAudit(tx, {
      actor,
      action: existing ? "contact.updated" : "contact.created",
      entity: "contact",
      entityId: String(saved.id),
      before: existing ? { name: existing.name, role: existing.role, email: existing.email } : null,
      after: { organisationId, ...values },
    });
    return { ...saved, created: !existing };
  });
}
