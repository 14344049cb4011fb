import type { Table } from "../../files/write-table.ts";
import type { CampaignStatus } from "./campaign-status.ts";

/** The status as a table: one row per recipient, one column per requested item. */
export function statusTable(status: CampaignStatus): Table {
  const columns = [
    "recipient",
    "name",
    "state",
    "sent",
    "due",
    "overdue",
    "very_overdue",
    ...status.requests.map((r) => r.id),
  ];
  const rows = status.letters.map((letter) => [
    letter.recipient,
    letter.name,
    letter.state,
    letter.sent ?? "",
    letter.due ?? "",
    letter.overdue ? "yes" : "no",
    letter.veryOverdue ? "yes" : "no",
    ...status.requests.map((request) => {
      const item = letter.items.find((candidate) => candidate.id === request.id);
      return item?.publicUrl ? `${item.state}: ${item.publicUrl}` : (item?.state ?? "");
    }),
  ]);
  return { columns, rows };
}
