import { describe, expect, it } from "vitest";
import { readConfig } from "../../src/config.ts";
import { createServices } from "../../src/services.ts";
import { buildWebApp } from "../../src/web/server.ts";
import { EXAMPLE } from "../support/render-cli.ts";

// What `npm start` serves for now: the demo campaign's letters.
const app = buildWebApp(createServices(readConfig({ POSTBAG_DEMO_CAMPAIGN: EXAMPLE })));

describe("web preview", () => {
  it("lists the demo campaign's letters", async () => {
    const response = await app.inject({ url: "/" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(response.body).toContain('<html lang="en-GB">');
    expect(response.body).toContain(
      '<a href="/letters/sussex">Katy Bourne OBE, Sussex Police and Crime Commissioner</a>',
    );
  });

  it("shows a letter as HTML", async () => {
    const response = await app.inject({ url: "/letters/essex" });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("Dear Roger,");
    expect(response.body).toContain("Police, Fire and Crime Commissioner for Essex");
  });

  it("answers 404 for a letter that does not exist", async () => {
    expect((await app.inject({ url: "/letters/nobody" })).statusCode).toBe(404);
  });
});
