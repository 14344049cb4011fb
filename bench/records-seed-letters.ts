import { sql } from "drizzle-orm";
import type { Size, Statement } from "./records-seed.ts";

// Campaigns, their three requested items, recipients, and one letter each
// (with its first version and three letter_items). Recipient and letter i
// belong to campaign (i - 1) / perCampaign + 1. The letter's state comes from
// (i × 7919) mod 100, so every campaign gets the same mix: 60% sent, 20%
// replied, 10% approved, 10% draft; sent dates are weekdays spread over
// 2020–2021, due 4 weeks later, very due 8 weeks later.

const campaignId = (c: string) => sql.raw(`'bench-' || lpad((${c})::text, 4, '0')`);

export function seedLetters({ campaigns, recipientsPerCampaign: per }: Size): Statement[] {
  const letters = campaigns * per;
  return [
    {
      table: "campaigns",
      rows: campaigns,
      sql: sql`INSERT INTO campaigns (id, title, date, sender, signatory, reply_within_days, template_hash, letter_source, folder)
      SELECT ${campaignId("c")}, 'Benchmark campaign ' || c, date '2020-01-01' + c % 700,
        '{"name": "Open Data Group", "role": "Researcher", "address": ["1 High Street", "London N1 1AA"], "phone": "020 7946 0000", "email": "foi@example.org"}',
        '{"name": "Ann Example", "role": "Director"}', 20, md5('template' || c) || md5('hash' || c),
        E'Dear ((salutation)),\n\nUnder the Freedom of Information Act 2000, please send me:\n\n((requests))', '/srv/campaigns/bench-' || c
      FROM generate_series(1, ${campaigns}::int) AS c`,
    },
    {
      table: "campaign_requests",
      rows: campaigns * 3,
      sql: sql`INSERT INTO campaign_requests (campaign_id, id, title, position)
      SELECT ${campaignId("c")}, item.id, item.title, item.position
      FROM generate_series(1, ${campaigns}::int) AS c CROSS JOIN (VALUES ('budget', 'Your budget for 2020-21', 0),
        ('minutes', 'The minutes of your board', 1), ('contracts', 'Contracts over £10,000', 2)) AS item (id, title, position)`,
    },
    {
      table: "recipients",
      rows: letters,
      sql: sql`INSERT INTO recipients (id, campaign_id, key, fields, nation)
      SELECT i, ${campaignId(`(i - 1) / ${per} + 1`)}, 'body-' || lpad(((i - 1) % ${per} + 1)::text, 4, '0'),
        jsonb_build_object('name', 'Public body no. ' || i, 'salutation', 'Dear Sir or Madam', 'address', i || ' Civic Centre',
          'town', 'Town ' || i % 97, 'postcode', 'AB' || i % 90 + 1 || ' 1CD', 'email', 'foi' || i || '@example.gov.uk'),
        (ARRAY['england', 'england', 'england', 'england', 'england', 'england', 'wales', 'scotland', 'scotland', 'northern-ireland'])[i % 10 + 1]
      FROM generate_series(1, ${letters}::int) AS i`,
    },
    {
      table: "letters",
      rows: letters,
      sql: sql`INSERT INTO letters (id, campaign_id, recipient_id, state, sent_on, sent_via, due_on, very_due_on, lock_version)
      SELECT i, ${campaignId(`(i - 1) / ${per} + 1`)}, i, state, sent_on, CASE WHEN sent_on IS NOT NULL THEN (ARRAY['post', 'email'])[i % 2 + 1] END,
        sent_on + 28, sent_on + 56, CASE state WHEN 'draft' THEN 0 WHEN 'approved' THEN 1 WHEN 'sent' THEN 2 ELSE 3 END
      FROM generate_series(1, ${letters}::int) AS i,
        LATERAL (SELECT CASE WHEN (i * 7919) % 100 < 60 THEN 'sent' WHEN (i * 7919) % 100 < 80 THEN 'replied'
          WHEN (i * 7919) % 100 < 90 THEN 'approved' ELSE 'draft' END AS state) AS s,
        LATERAL (SELECT date '2020-01-01' + (i::bigint * 104729 % 729)::int AS day) AS d,
        LATERAL (SELECT CASE WHEN state IN ('sent', 'replied') THEN day + CASE extract(isodow FROM day) WHEN 6 THEN 2 WHEN 7 THEN 1 ELSE 0 END END AS sent_on) AS t`,
    },
    {
      table: "letter_versions",
      rows: letters,
      sql: sql`INSERT INTO letter_versions (id, letter_id, number, content_hash, content, approved_by, approved_at)
      SELECT l.id, l.id, 1, md5('letter' || l.id) || md5('content' || l.id),
        jsonb_build_object('id', r.key, 'recipient', r.fields, 'blocks', jsonb_build_array(
          jsonb_build_object('t', 'p', 'c', jsonb_build_array(jsonb_build_object('t', 'text', 'v', 'Dear Sir or Madam,'))),
          jsonb_build_object('t', 'p', 'c', jsonb_build_array(jsonb_build_object('t', 'text', 'v', 'Under the Freedom of Information Act 2000, please send me the following information held by ' || (r.fields->>'name') || '.'))))),
        CASE WHEN l.state <> 'draft' THEN 'ann@example.org' END,
        CASE WHEN l.state <> 'draft' THEN coalesce(l.sent_on, date '2021-12-01') - 1 + time '10:30' END
      FROM letters l JOIN recipients r ON r.id = l.recipient_id`,
    },
    {
      table: "letter_items",
      rows: letters * 3,
      sql: sql`INSERT INTO letter_items (letter_id, item_id, state, public_url)
      SELECT l.id, item.id, s.state, CASE WHEN s.state = 'public' THEN 'https://example.gov.uk/foi/' || l.id || '/' || item.id END
      FROM letters l CROSS JOIN (VALUES ('budget', 0), ('minutes', 1), ('contracts', 2)) AS item (id, n),
        LATERAL (SELECT CASE WHEN l.state <> 'replied' THEN 'requested'
          ELSE (ARRAY['received', 'received', 'declined', 'not-held', 'public', 'requested'])[(l.id + item.n) % 6 + 1] END AS state) AS s`,
    },
  ];
}
