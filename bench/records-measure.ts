import { campaignStatus } from "../src/campaigns/records/campaign-status.ts";
import { overdueLetters } from "../src/campaigns/records/overdue-letters.ts";
import type { Database } from "../src/store/database.ts";
import { rawClient } from "./records-databases.ts";
import { handOverdue, handOverdueRows, handStatus, sameRows } from "./records-peers.ts";
import { explainUseCase, type Plan } from "./records-plans.ts";
import { timeRuns, type Timing } from "./records-timing.ts";

// Times the two use cases on a seeded database, called as the app calls them
// (deps.database() returns the open database), and their hand-written peers.
// Status cycles through a few campaigns across the table.

export interface Measured {
  server: string;
  overdueLetters: number;
  status: Timing;
  statusHand: Timing;
  overdue: Timing;
  overdueHand: Timing;
  /** The hand-written overdue list as a row per letter. */
  overdueHandRows: Timing;
  /** Whether the hand-written queries gave the use cases' answers. */
  peersAgree: boolean;
  plans: { status: Plan[]; overdue: Plan[] };
}

export async function measureRecords(
  database: Database,
  { campaigns, asOf }: { campaigns: string[]; asOf: string },
): Promise<Measured> {
  const deps = { database: async () => database };
  const client = rawClient(database);
  const campaign = (i: number) => campaigns[i % campaigns.length] ?? "";
  const status = (i: number) => campaignStatus({ campaign: campaign(i), asOf }, deps);
  const overdue = () => overdueLetters({ asOf }, deps);

  const plans = {
    status: await explainUseCase(database, () => status(0)),
    overdue: await explainUseCase(database, overdue),
  };
  const ours = { status: await status(0), overdue: await overdue() };
  const peersAgree =
    sameRows(ours.status.letters, await handStatus(client, campaign(0), asOf)) &&
    sameRows(ours.overdue.letters, await handOverdue(client, asOf)) &&
    sameRows(ours.overdue.letters, await handOverdueRows(client, asOf));
  const statusRuns = { warmup: campaigns.length, runs: 30 };
  const overdueRuns = { warmup: 3, runs: 20 };
  const [{ version }] = (await client.query<{ version: string }>("SELECT version()")).rows as [
    { version: string },
  ];
  return {
    server: version.split(" on ")[0] ?? version,
    overdueLetters: ours.overdue.letters.length,
    status: await timeRuns(status, statusRuns),
    statusHand: await timeRuns((i) => handStatus(client, campaign(i), asOf), statusRuns),
    overdue: await timeRuns(overdue, overdueRuns),
    overdueHand: await timeRuns(() => handOverdue(client, asOf), overdueRuns),
    overdueHandRows: await timeRuns(() => handOverdueRows(client, asOf), overdueRuns),
    peersAgree,
    plans,
  };
}
