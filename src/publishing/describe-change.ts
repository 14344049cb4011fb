// What a publish or unpublish changed, in words, for the web app's flash and the command line.

const PLURALS: Record<string, string> = { letter: "letters", reply: "replies", document: "documents" };

/** What a publish or unpublish changed, in words for the flash: "2 letters, 1 reply and 1 document". */
export function describeChange(change: {
  published: { entity: string }[];
  unpublished: { entity: string }[];
}): string {
  const rows = change.published.length > 0 ? change.published : change.unpublished;
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.entity, (counts.get(row.entity) ?? 0) + 1);
  const parts = [...counts].map(([entity, count]) =>
    entity === "campaign" || entity === "digest"
      ? `the ${entity === "campaign" ? "campaign page" : "digest"}`
      : `${count} ${count === 1 ? entity : (PLURALS[entity] ?? entity)}`,
  );
  if (parts.length === 0) return "nothing";
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)!}`;
}
