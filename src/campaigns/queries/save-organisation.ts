import { and, eq, ne } from "drizzle-orm";
import { PostbagError } from "../../errors.ts";
import { appendAudit } from "../../store/audit.ts";
import type { Database, Tx } from "../../store/database.ts";
import { organisations } from "../../store/schema.ts";
import { parseNation } from "../deadlines/nation.ts";
import { optionalWebsite, requiredText } from "./directory-input.ts";
import { inTransaction } from "../../store/transaction.ts";

export interface SaveOrganisationOptions {
  /** The organisation to edit; without it, a new one is added. */
  id?: number | undefined;
  name: string;
  kind?: string | undefined;
  nation?: string | null | undefined;
  website?: string | undefined;
  actor: string;
}

export type SavedOrganisation = typeof organisations.$inferSelect & { created: boolean };

/**
 * Adds or edits a public body in the directory, with its audit entry in the
 * same transaction. (Not the import's helper of the same name in
 * records/import/save-directory.ts, which files every recipient's body while importing.)
 */
export async function saveOrganisation(
  options: SaveOrganisationOptions,
  deps: { database(): Promise<Database> },
): Promise<SavedOrganisation> {
  const values = {
    name: requiredText(options.name, "name", "the organisation's name"),
    kind: (options.kind ?? "").trim(),
    nation: parseNation(options.nation),
    website: optionalWebsite(options.website),
  };
  const { db } = await deps.database();
  return inTransaction(db, async (tx) => {
    const existing = options.id === undefined ? undefined : await findForUpdate(tx, options.id);
    // Names are unique: say so on the name field rather than fail on the constraint.
    const others = existing ? ne(organisations.id, existing.id) : undefined;
    const [clash] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.name, values.name), others));
    if (clash) {
      throw new PostbagError(
        "bad_input",
        `an organisation named "${values.name}" is already in the directory`,
        {
          field: "name",
        },
      );
    }
    const [saved] = existing
      ? await tx.update(organisations).set(values).where(eq(organisations.id, existing.id)).returning()
      : await tx.insert(organisations).values(values).returning();
    if (!saved) throw new PostbagError("internal", "the organisation was not saved");
    await appendAudit(tx, {
      actor: options.actor,
      action: existing ? "organisation.updated" : "organisation.created",
      entity: "organisation",
      entityId: String(saved.id),
      before: existing
        ? { name: existing.name, kind: existing.kind, nation: existing.nation, website: existing.website }
        : null,
      after: values,
    });
    return { ...saved, created: !existing };
  });
}

async function findForUpdate(tx: Tx, id: number) {
  const [found] = await tx.select().from(organisations).where(eq(organisations.id, id)).for("update");
  if (!found) throw new PostbagError("not_found", `there is no organisation ${id}`, { field: "id" });
  return found;
}
