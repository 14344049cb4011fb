import type { Command } from "./command.ts";

export const serveCommand: Command = {
  help: "Usage: postbag serve\n\nServes Postbag on PORT (default 3000).",
  async run(_args, services) {
    const { startWebServer } = await import("../web/server.ts");
    await startWebServer(services());
    return 0;
  },
};
