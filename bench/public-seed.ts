import { readConfig } from "../src/config.ts";
import { exportStaticSite } from "../src/publishing/static-export.ts";
import { createServices } from "../src/services.ts";
import { buildWebApp } from "../src/web/app.ts";

// The public site the load bench serves: the seed campaign imported into a new
// data folder, every letter approved and sent, three replies recorded (one with
// a file), the whole campaign published, then the static export written.

const ACTOR = "bench@example.org";

export async function seedPublicSite(options: { dataDir: string; staticDir: string; campaignDir: string }) {
  const services = createServices(
    readConfig({
      POSTBAG_DATA: options.dataDir,
      POSTBAG_RENDER_WORKERS: "2",
      POSTBAG_ADMIN_PASSWORD: "bench",
    }),
  );
  try {
    const { campaign } = await services.importCampaign({ dir: options.campaignDir, actor: ACTOR });
    await services.addUser({ email: ACTOR, role: "admin", password: "bench bench bench", actor: ACTOR });
    await services.approveLetters({ campaign, by: ACTOR });
    await services.recordSent({ campaign, on: "2020-10-13", via: "email", actor: ACTOR });
    for (const [index, recipient] of ["sussex", "essex", "nottinghamshire"].entries()) {
      await services.recordReply({
        campaign,
        recipient,
        on: `2020-11-0${index + 2}`,
        channel: "email",
        sender: `foi@${recipient}.example`,
        text: `Thank you for your letter. Our strategic needs assessment for ${recipient} was published in March and is attached.`,
        files:
          index === 0
            ? [
                {
                  name: "needs-assessment.txt",
                  bytes: Buffer.from("Strategic needs assessment: summary of findings.\n"),
                },
              ]
            : [],
        items: [{ itemId: "needs-assessment", state: "received", publicUrl: null }],
        actor: ACTOR,
      });
    }
    const change = await services.setPublication({
      target: { entity: "campaign", campaign },
      published: true,
      actor: ACTOR,
    });
    const app = await buildWebApp(services);
    try {
      await exportStaticSite({ app, services, dir: options.staticDir });
    } finally {
      await app.close();
    }
    const letters = (await services.publicCampaign({ campaign }))?.letters ?? [];
    return {
      campaign,
      published: change.published.length,
      recipients: letters.map((letter) => letter.recipient),
    };
  } finally {
    await services.close();
  }
}
