import { sql } from "drizzle-orm";
import type { Size, Statement } from "./records-seed.ts";

// A million audit entries, as the use cases write them: one every 50 seconds
// from 2020, about the seeded letters. The hash chain is plausible (each
// prev_hash is the hash of the entry before) but not real: this bench does not
// verify it. The head row holds the count and the last entry, as appendAudit
// leaves it.

const ACTIONS = [
  "recipient.created",
  "letter.created",
  "letter.approved",
  "letter.sent",
  "letter.replied",
  "item.updated",
];
const hash = (n: string) => sql.raw(`md5('audit' || ${n}) || md5('chain' || ${n})`);

export function seedAudit({ campaigns, recipientsPerCampaign: per, auditEntries }: Size): Statement[] {
  const letters = campaigns * per;
  const actions = sql.raw(`ARRAY[${ACTIONS.map((action) => `'${action}'`).join(", ")}]`);
  return [
    {
      table: "audit_log",
      rows: auditEntries,
      sql: sql`INSERT INTO audit_log (id, at, actor, action, entity, entity_id, before, after, prev_hash, hash)
      SELECT n, to_char(timestamp '2020-01-01 09:00' + n * interval '50 seconds', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        (ARRAY['ann@example.org', 'ed@example.org', 'cli'])[n % 3 + 1], action, split_part(action, '.', 1),
        'bench-' || lpad((l / ${sql.raw(String(per))} + 1)::text, 4, '0') || '/body-' || lpad((l % ${sql.raw(String(per))} + 1)::text, 4, '0')
          || CASE WHEN action = 'item.updated' THEN '/minutes' ELSE '' END,
        CASE WHEN action IN ('letter.approved', 'letter.sent', 'letter.replied') THEN jsonb_build_object('state', 'draft', 'version', 1) END,
        jsonb_build_object('state', split_part(action, '.', 2), 'version', 1, 'contentHash', md5('letter' || l)),
        CASE WHEN n = 1 THEN repeat('0', 64) ELSE ${hash("(n - 1)")} END, ${hash("n")}
      FROM generate_series(1, ${auditEntries}::int) AS n,
        LATERAL (SELECT (${actions})[n % ${ACTIONS.length}::int + 1] AS action, (n * 7) % ${letters}::int AS l) AS a`,
    },
    {
      table: "audit_head",
      rows: 1,
      sql: sql`INSERT INTO audit_head (id, last_id, last_hash, count)
      VALUES (1, ${auditEntries}::bigint, ${hash(`${auditEntries}`)}, ${auditEntries}::bigint)
      ON CONFLICT (id) DO UPDATE SET last_id = excluded.last_id, last_hash = excluded.last_hash, count = excluded.count`,
    },
  ];
}
