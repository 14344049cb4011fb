import { parentPort, workerData } from "node:worker_threads";
import { campaignStatus } from "../src/campaigns/records/campaign-status.ts";
import { overdueLetters } from "../src/campaigns/records/overdue-letters.ts";
import { openDatabase } from "../src/store/database.ts";
import { timeRuns } from "./records-timing.ts";

// One "server" of the records bench's two: a thread of its own (its own
// JavaScript, its own pool) that opens the PostgreSQL database, says it is
// ready, and on "go" times status and overdue as the app calls them.

const { url, campaigns, asOf } = workerData as { url: string; campaigns: string[]; asOf: string };
const database = await openDatabase({ dataDir: "/tmp", databaseUrl: url });
const deps = { database: async () => database };
const status = (i: number) => campaignStatus({ campaign: campaigns[i % campaigns.length] ?? "", asOf }, deps);
const overdue = () => overdueLetters({ asOf }, deps);
parentPort?.once("message", () => void report());

async function report() {
  const result = {
    status: await timeRuns(status, { warmup: 3, runs: 30 }),
    overdue: await timeRuns(overdue, { warmup: 2, runs: 10 }),
  };
  await database.close();
  parentPort?.postMessage(result);
}
parentPort?.postMessage("ready");
