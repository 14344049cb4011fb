import { and, eq } from "drizzle-orm";
import { findCampaign } from "../campaigns/records/find-letters.ts";
import { PostbagError } from "../errors.ts";
import { appendAudit } from "../store/audit.ts";
import type { Database } from "../store/database.ts";
import { digestThemes } from "../store/schema.ts";
import { inTransaction } from "../store/transaction.ts";

// A person tidies the digest's themes: renames one ("A&E navigators"),
// hides one that says nothing, merges one into another (their bodies and
// quotes joined), or shows a hidden one again. Each change and its audit
// entry are written in one transaction.

export interface ChangeThemeOptions {
  campaign: string;
  theme: string;
  action: string;
  /** The new name, for "rename". */
  label?: string | undefined;
  /** The theme it joins, for "merge". */
  into?: string | undefined;
  actor: string;
}

const LABEL_LIMIT = 120;

export async function changeTheme(options: ChangeThemeOptions, deps: { database(): Promise<Database> }) {
  const change = changeOf(options);
  const { db } = await deps.database();
  return inTransaction(db, async (tx) => {
    await findCampaign(tx, options.campaign);
    const where = and(eq(digestThemes.campaignId, options.campaign), eq(digestThemes.key, options.theme));
    const [before] = await tx.select().from(digestThemes).where(where).for("update");
    const after = {
      label: before?.label ?? null,
      hidden: before?.hidden ?? false,
      mergedInto: before?.mergedInto ?? null,
      ...change,
    };
    await tx
      .insert(digestThemes)
      .values({ campaignId: options.campaign, key: options.theme, ...after })
      .onConflictDoUpdate({ target: [digestThemes.campaignId, digestThemes.key], set: after });
    await appendAudit(tx, {
      actor: options.actor,
      action: `digest.theme.${options.action}`,
      entity: "digest-theme",
      entityId: `${options.campaign}/${options.theme}`,
      before: before ? { label: before.label, hidden: before.hidden, mergedInto: before.mergedInto } : null,
      after,
    });
    return { campaign: options.campaign, theme: options.theme, ...after };
  });
}

function changeOf({ action, label, into, theme }: ChangeThemeOptions) {
  if (action === "hide") return { hidden: true };
  if (action === "show") return { hidden: false, mergedInto: null };
  if (action === "rename") {
    const name = (label ?? "").trim();
    if (name === "") throw new PostbagError("bad_input", "write the theme's new name", { field: "label" });
    if (name.length > LABEL_LIMIT) {
      throw new PostbagError("bad_input", `the name is longer than ${LABEL_LIMIT} characters`, {
        field: "label",
      });
    }
    return { label: name };
  }
  if (action === "merge") {
    const target = (into ?? "").trim();
    if (target === "" || target === theme) {
      throw new PostbagError("bad_input", "choose another theme to merge it into", { field: "into" });
    }
    return { mergedInto: target };
  }
  throw new PostbagError("bad_input", `"${action}" is not a change: rename, hide, show or merge`, {
    field: "action",
  });
}
