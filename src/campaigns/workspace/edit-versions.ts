import { createHash } from "node:crypto";
import { and, desc, eq, like, or } from "drizzle-orm";
import { PostbagError } from "../../errors.ts";
import type { CampaignFolder } from "../../files/read-campaign-folder.ts";
import { auditLog } from "../../store/schema.ts";
import type { WorkspaceDeps } from "./campaign-workspace.ts";

// Optimistic locking for web and API edits: a form carries the version of
// what it showed (a hash of it), and a save whose version is no longer the
// current one is refused, naming who changed it since and what they changed,
// so nobody's change is lost without anyone knowing.

/** The version of a whole campaign folder: its settings, letters and recipients. */
export function folderVersion(folder: CampaignFolder): string {
  const { config, letter, chaser, recipients } = folder;
  return versionOf([config, letter.source, chaser?.source ?? null, recipients.columns, recipients.rows]);
}

/** The version of something edited: a short hash of its content. */
export function versionOf(content: unknown): string {
  return createHash("sha256").update(JSON.stringify(content)).digest("hex").slice(0, 16);
}

export interface LastChange {
  actor: string;
  at: string;
  before: unknown;
  after: unknown;
}

/** The newest audit entry of these actions for the entity, or null. */
export async function lastChange(
  deps: Pick<WorkspaceDeps, "database">,
  entity: string,
  entityId: string,
  action: string,
): Promise<LastChange | null> {
  const { db } = await deps.database();
  const [row] = await db
    .select({ actor: auditLog.actor, at: auditLog.at, before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, entityId), eq(auditLog.action, action)))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return row ?? null;
}

/** The newest change to the campaign or any of its recipients, or null. */
export async function lastCampaignChange(
  deps: Pick<WorkspaceDeps, "database">,
  campaign: string,
): Promise<LastChange | null> {
  const { db } = await deps.database();
  const ofRecipients = `${campaign.replace(/[\\%_]/g, (char) => `\\${char}`)}/%`;
  const [row] = await db
    .select({ actor: auditLog.actor, at: auditLog.at, before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .where(
      or(
        and(eq(auditLog.entity, "campaign"), eq(auditLog.entityId, campaign)),
        and(eq(auditLog.entity, "recipient"), like(auditLog.entityId, ofRecipients)),
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(1);
  return row ?? null;
}

/** "ann@example.org, at 14:02 on 6 December 2026". */
export function whoAndWhen(change: LastChange | null): string {
  if (!change) return "someone else";
  const at = new Date(change.at);
  const time = at.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
  const day = at.toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
  return `${change.actor}, at ${time} UTC on ${day}`;
}

/** Refuses a save made from an older version than the current one. */
export function conflict(what: string, change: LastChange | null, detail: string): PostbagError {
  return new PostbagError(
    "conflict",
    `${what} was changed by ${whoAndWhen(change)} since you opened it${detail ? ` (${detail})` : ""}. ` +
      "Nothing was saved: look at their change, then save yours again if it is still right.",
    { field: "version" },
  );
}
