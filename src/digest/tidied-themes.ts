import type { digestThemes } from "../store/schema.ts";
import type { Theme, ThemeMention } from "./themes.ts";

// The themes found in the replies as people left them: merged ones joined
// into their target, renamed ones under their new name, hidden ones marked.

export interface DigestTheme {
  key: string;
  /** The name shown: a person's, else the phrase. */
  label: string;
  hidden: boolean;
  mentions: ThemeMention[];
}

type ThemeChange = Pick<typeof digestThemes.$inferSelect, "key" | "label" | "hidden" | "mergedInto">;

export function tidiedThemes(themes: Theme[], changes: ThemeChange[]): DigestTheme[] {
  const changeOf = (key: string) => changes.find((change) => change.key === key);
  const byKey = new Map(themes.map((theme) => [theme.key, { ...theme, mentions: [...theme.mentions] }]));
  for (const theme of themes) {
    const target = byKey.get(changeOf(theme.key)?.mergedInto ?? "");
    if (!target || target.key === theme.key) continue;
    for (const mention of theme.mentions) {
      if (!target.mentions.some((known) => known.recipient === mention.recipient))
        target.mentions.push(mention);
    }
    byKey.delete(theme.key);
  }
  return [...byKey.values()]
    .map((theme) => ({
      key: theme.key,
      label: changeOf(theme.key)?.label ?? theme.key,
      hidden: changeOf(theme.key)?.hidden ?? false,
      mentions: theme.mentions,
    }))
    .sort((a, b) => b.mentions.length - a.mentions.length || a.label.localeCompare(b.label));
}
