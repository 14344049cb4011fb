import { writeSync } from "node:fs";
import { join } from "node:path";
import { readConfig } from "../../src/config.ts";
import { uploadCampaignZip } from "../../src/campaigns/workspace/upload-campaign-zip.ts";
import { importCampaign } from "../../src/campaigns/records/import-campaign.ts";
import { readCampaignFolder } from "../../src/files/read-campaign-folder.ts";
import { exportStaticSite } from "../../src/publishing/static-export.ts";
import { createServices } from "../../src/services.ts";
import { buildWebApp } from "../../src/web/app.ts";

// A process for test/integration/crash-cleanup.test.ts to kill with SIGKILL
// at a known moment of real work: it does the work on the data folder of its
// environment, says "reached" on standard output at that moment, and then
// waits there for ever. Run with tsx: crash-child.ts <what> <arg>.
//   upload-staging <zip>   an upload of a new campaign, stopped while its staging folder is checked
//   upload-import <zip>    the same, stopped once its folder is in place, before the import commits
//   export <dir>           a static export, stopped after a few files of its staging folder

const [what = "", argument = ""] = process.argv.slice(2);

/** Says so (synchronously: the thread is about to stop) and blocks this thread for ever. */
function stopHere(): never {
  writeSync(1, "reached\n");
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  throw new Error("unreachable");
}

const config = readConfig(process.env);
const services = createServices(config);
const workspace = {
  database: services.database,
  workspaceDir: join(config.dataDir, "campaigns"),
  readCampaignFolder: async (dir: string) => {
    const folder = await readCampaignFolder(dir);
    if (what === "upload-staging" && dir.includes(".staging-")) stopHere();
    return folder;
  },
  importCampaign: async (options: { dir: string; actor: string }) => {
    if (what === "upload-import") stopHere();
    return importCampaign(options, { readCampaignFolder, database: services.database });
  },
};

if (what === "upload-staging" || what === "upload-import") {
  const { readFileSync } = await import("node:fs");
  await uploadCampaignZip({ bytes: readFileSync(argument), actor: "crash@example.org" }, workspace);
} else if (what === "export") {
  const app = await buildWebApp(services);
  await exportStaticSite({
    app,
    services,
    dir: argument,
    onProgress: (done) => {
      if (done >= 3) stopHere();
    },
  });
}
writeSync(1, "finished without stopping\n");
process.exit(1);
