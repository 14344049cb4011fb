import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportStaticSite, EXPORT_MARKER, sitePaths } from "../../src/publishing/static-export.ts";
import { describeOnEachDatabase } from "../support/databases.ts";
import { documentsOf, recordReplyTo, sendLetters } from "../support/publishing-factory.ts";
import { tempDir } from "../support/render-cli.ts";
import { ROLE_EMAILS, startTestApp, type TestApp } from "../support/web-app.ts";

// The public site on a real database: only what a person published shows,
// on every page, JSON file, feed, search and in the static export; pages
// are cacheable (ETag, 304) and set no cookie, and unpublishing shows at once.

const ACTOR = ROLE_EMAILS.approver;
// Words that are only in what stays unpublished: the Thames Valley letter (and its reply)
// and one file of the Essex reply.
const HIDDEN = ["Anthony Stansfeld", "thames-valley", "wombatword", "numbatword", "essex-plan"];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describeOnEachDatabase("public site", (kind) => {
  let test: TestApp;
  let campaign = "";
  let essexPlan = 0;
  const services = () => test.services;
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${test.base}${path}`, { redirect: "manual", headers });
  const text = async (path: string) => {
    const response = await get(path);
    return { status: response.status, body: await response.text(), response };
  };
  const publish = (
    target: Parameters<TestApp["services"]["setPublication"]>[0]["target"],
    published = true,
  ) => services().setPublication({ target, published, actor: ACTOR });
  const letterUrl = (recipient: string) => `/campaigns/${campaign}/letters/${recipient}/`;
  const everyPublicText = async () => {
    const paths = [
      "/",
      "/index.json",
      "/feed.atom",
      `/campaigns/${campaign}/`,
      `/campaigns/${campaign}/index.json`,
      `/campaigns/${campaign}/feed.atom`,
      "/search-index.json",
      ...["sussex", "essex"].flatMap((recipient) => [
        letterUrl(recipient),
        `${letterUrl(recipient)}index.json`,
      ]),
      ...["wombatword", "numbatword", "Stansfeld"].flatMap((q) => [`/search/?q=${q}`, `/search.json?q=${q}`]),
    ];
    // A search page repeats the words searched for; what matters is what it found.
    return Promise.all(
      paths.map(async (path) => {
        const q = /[?&]q=([^&]*)/.exec(path)?.[1] ?? "";
        const body = (await text(path)).body;
        return [path, q ? body.replaceAll(q, "") : body] as const;
      }),
    );
  };

  beforeAll(async () => {
    test = await startTestApp(kind);
    campaign = test.campaign;
    await sendLetters(services(), campaign, ["sussex", "essex", "thames-valley"]);
    await recordReplyTo(services(), campaign, {
      recipient: "sussex",
      text: "Our needs assessment was published last year.\n\nThe response strategy follows.",
      files: [{ name: "strategy.txt", bytes: Buffer.from("The response strategy covers modern slavery.\n") }],
      items: [{ itemId: "needs-assessment", state: "received" }],
    });
    await recordReplyTo(services(), campaign, {
      recipient: "essex",
      text: "Essex answers <b>in bold</b> & more.",
      files: [{ name: "essex-plan.txt", bytes: Buffer.from("The numbatword delivery plan.\n") }],
    });
    await recordReplyTo(services(), campaign, {
      recipient: "thames-valley",
      text: "The wombatword strategy is attached.",
    });
    essexPlan = (await documentsOf(services(), campaign, "essex")).get("essex-plan.txt")!.id;
  }, 180_000);
  afterAll(() => test?.close());

  it("shows nothing at all before anything is published", async () => {
    const home = await text("/");
    expect(home.status).toBe(200);
    expect(home.body).toContain("Nothing has been published yet");
    expect(home.body).not.toContain("Violence Reduction Units");
    expect((await text(`/campaigns/${campaign}/`)).status).toBe(404);
    expect((await text(`/campaigns/${campaign}/index.json`)).status).toBe(404);
    expect((await text(`/campaigns/${campaign}/feed.atom`)).status).toBe(404);
    expect((await text(letterUrl("sussex"))).status).toBe(404);
    expect(JSON.parse((await text("/index.json")).body).campaigns).toEqual([]);
    expect((await text("/feed.atom")).body).not.toContain("<entry>");
    expect(JSON.parse((await text("/search.json?q=violence")).body).total).toBe(0);
  });

  it("shows a published campaign but never an unpublished letter or document", async () => {
    await publish({ entity: "campaign", campaign });
    await publish({ entity: "letter", campaign, recipient: "thames-valley" }, false);
    await publish({ entity: "document", campaign, document: essexPlan }, false);

    const home = await text("/");
    expect(home.body).toContain("Violence Reduction Units");
    expect(home.body).toMatch(/2 letters published/);
    const page = await text(`/campaigns/${campaign}/`);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Katy Bourne OBE");
    expect(page.body).toContain("Problem Profile or Strategic Needs Assessment");
    expect(page.body).toContain('type="application/atom+xml"');
    expect(page.body).toContain("2 November 2020");

    const sussex = await text(letterUrl("sussex"));
    expect(sussex.body).toContain("Our needs assessment was published last year.");
    expect(sussex.body).toContain("strategy.txt");
    expect(sussex.body).toContain('class="postbag-letter"');
    expect(sussex.body).toContain("Received");
    const essex = await text(letterUrl("essex"));
    // The reply's words are text, escaped.
    expect(essex.body).toContain("Essex answers &lt;b&gt;in bold&lt;/b&gt; &amp; more.");

    expect((await text(letterUrl("thames-valley"))).status).toBe(404);
    expect((await text(`${letterUrl("thames-valley")}letter.pdf`)).status).toBe(404);
    for (const [path, body] of await everyPublicText()) {
      for (const hidden of HIDDEN) expect(body, `${path} shows ${hidden}`).not.toContain(hidden);
    }
    const json = JSON.parse((await text(`${letterUrl("sussex")}index.json`)).body);
    expect(JSON.stringify(json)).not.toMatch(/@|hash|"id":\s*\d/);
    expect(json.replies[0].files[0].name).toBe("strategy.txt");
  });

  it("serves the letter's PDF, HTML and reply files as the stored bytes", async () => {
    const found = await services().publicLetter({ campaign, recipient: "sussex" });
    const letter = found!.letter;
    const pdf = await get(`${letterUrl("sussex")}letter.pdf`);
    expect(letter.pdfHash).toBeTruthy();
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const bytes = Buffer.from(await pdf.arrayBuffer());
    const stored = await services().storedFile(letter.pdfHash!);
    expect(bytes.equals(Buffer.concat(await stored!.toArray()))).toBe(true);
    expect(
      (await get(`${letterUrl("sussex")}letter.pdf`, { "if-none-match": pdf.headers.get("etag")! })).status,
    ).toBe(304);
    const html = await get(`${letterUrl("sussex")}letter.html`);
    expect(html.headers.get("content-security-policy")).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    );
    expect(await html.text()).toContain("<style>");
    const document = letter.replies[0]!.documents.find((doc) => doc.name === "strategy.txt")!;
    const file = await get(`${letterUrl("sussex")}documents/${document.id}/strategy.txt`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toMatch(/^attachment; filename="strategy.txt"/);
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await file.text()).toBe("The response strategy covers modern slavery.\n");
    expect((await get(`${letterUrl("sussex")}documents/${document.id}/other.txt`)).status).toBe(404);
    expect((await get(`${letterUrl("essex")}documents/${essexPlan}/essex-plan.txt`)).status).toBe(404);
  });

  it("moves pages without their slash, and answers anything else with the public 404", async () => {
    const moved = await get(`/campaigns/${campaign}?x=1`);
    expect(moved.status).toBe(301);
    expect(moved.headers.get("location")).toBe(`/campaigns/${campaign}/?x=1`);
    expect((await get("/search")).headers.get("location")).toBe("/search/");
    const missing = await get("/no/such/page");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("set-cookie")).toBeNull();
    expect(await missing.text()).toContain("Page not found");
    expect((await get("/campaigns/nope/")).status).toBe(404);
    // The staff app still asks who you are.
    expect((await get("/manage")).status).toBe(303);
  });

  it("has an Atom feed for the site and each campaign", async () => {
    for (const path of ["/feed.atom", `/campaigns/${campaign}/feed.atom`]) {
      const feed = await get(path);
      expect(feed.headers.get("content-type")).toMatch(/^application\/atom\+xml/);
      const body = await feed.text();
      expect(body).toMatch(
        /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/,
      );
      expect(body.match(/<entry>/g)?.length).toBe(4); // two letters, two replies
      expect(body).toContain(`${services().config.office.publicUrl}/campaigns/${campaign}/letters/sussex/`);
    }
  });

  it("makes pages cacheable: a strong ETag, revalidation, 304, no cookie", async () => {
    for (const path of ["/", `/campaigns/${campaign}/`, letterUrl("sussex"), "/index.json", "/feed.atom"]) {
      const first = await get(path);
      const etag = first.headers.get("etag");
      expect(etag, path).toMatch(/^"[0-9a-f]{40}"$/);
      expect(first.headers.get("cache-control")).toBe("public, no-cache");
      expect(first.headers.get("set-cookie")).toBeNull();
      const again = await get(path, { "if-none-match": etag! });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe("");
      expect((await get(path, { "if-none-match": '"other"' })).status).toBe(200);
    }
    // A signed-in visitor gets the same page, and no cookie either.
    const signedIn = await get("/", { cookie: "postbag_session=whatever" });
    expect(signedIn.headers.get("set-cookie")).toBeNull();
  });

  it("takes an unpublished letter off at once, cache or not", async () => {
    expect((await get(letterUrl("sussex"))).status).toBe(200);
    await publish({ entity: "letter", campaign, recipient: "sussex" }, false);
    expect((await get(letterUrl("sussex"))).status).toBe(404);
    expect((await text(`/campaigns/${campaign}/`)).body).not.toContain("Katy Bourne OBE");
    // Unpublished on its own, it stays off when the whole campaign is published again…
    await publish({ entity: "campaign", campaign });
    expect((await get(letterUrl("sussex"))).status).toBe(404);
    // …until someone publishes that letter.
    await publish({ entity: "letter", campaign, recipient: "sussex" });
    await publish({ entity: "letter", campaign, recipient: "thames-valley" }, false);
    await publish({ entity: "document", campaign, document: essexPlan }, false);
    expect((await get(letterUrl("sussex"))).status).toBe(200);
  });

  it("searches with English stemming and filters by campaign, body and state", async () => {
    const search = async (query: string) =>
      JSON.parse((await text(`/search.json?${query}`)).body) as {
        total: number;
        hits: { url: string; organisation: string; kind: string }[];
      };
    const stemmed = await search("q=publishing");
    expect(stemmed.hits.map((hit) => hit.url)).toContain(letterUrl("sussex"));
    expect((await search(`q=publishing&campaign=${campaign}`)).total).toBe(stemmed.total);
    expect((await search("q=publishing&campaign=no-such-campaign")).total).toBe(stemmed.total);
    const sussex = (await services().publicLetter({ campaign, recipient: "sussex" }))!.letter.organisation;
    const byBody = await search(`q=strategy&body=${encodeURIComponent(sussex)}`);
    expect(byBody.total).toBeGreaterThan(0);
    expect(byBody.hits.every((hit) => hit.organisation === sussex)).toBe(true);
    const received = await search("q=strategy&state=received");
    expect(received.total).toBeGreaterThan(0);
    expect(received.hits.every((hit) => hit.organisation === sussex)).toBe(true);
    expect((await search("q=strategy&state=declined")).total).toBe(0);

    const page = await text("/search/?q=publishing");
    expect(page.body).toContain(letterUrl("sussex"));
    expect(page.body).toMatch(/Showing 1 to \d+ of \d+ result/);
    const none = await text("/search/?q=zzzyzzx");
    expect(none.body).toContain("No published letters or replies match your search.");
    const tooLong = await text(`/search/?q=${"a".repeat(201)}`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toContain("govuk-error-summary");
    expect(tooLong.body).toContain('href="#q"');
    expect((await text(`/search.json?q=${"a".repeat(201)}`)).status).toBe(400);
    const escaped = await text("/search/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    expect(escaped.body).not.toContain("<script>alert(1)");
  });

  describe("the static export", () => {
    it("writes every page, feed and file, and only what is public", async () => {
      const dir = join(tempDir("postbag-static-"), "site");
      const progress: number[] = [];
      const result = await exportStaticSite({
        app: test.app,
        services: services(),
        dir,
        onProgress: (done) => progress.push(done),
      });
      expect(result.files).toBeGreaterThan(10);
      expect(progress.at(-1)).toBe(result.files);
      const written = filesUnder(dir).map((file) => `/${relative(dir, file)}`);
      for (const path of sitePaths(await services().publicCampaigns())) {
        const file = path.endsWith("/") ? `${path}index.html` : path;
        expect(written).toContain(decodeURIComponent(file));
      }
      for (const expected of [
        "/search/index.html",
        "/search-index.json",
        "/assets/postbag.css",
        "/assets/office.css",
        "/assets/public-search.js",
        "/404.html",
        `/${EXPORT_MARKER}`,
      ]) {
        expect(written).toContain(expected);
      }
      for (const file of filesUnder(dir)) {
        const content = readFileSync(file, "latin1");
        for (const hidden of HIDDEN) expect(content, `${file} holds ${hidden}`).not.toContain(hidden);
      }
      const letter = (await services().publicLetter({ campaign, recipient: "sussex" }))!.letter;
      expect(letter.pdfHash).toBeTruthy();
      const served = Buffer.from(await (await get(`${letterUrl("sussex")}letter.pdf`)).arrayBuffer());
      expect(
        readFileSync(join(dir, "campaigns", campaign, "letters", "sussex", "letter.pdf")).equals(served),
      ).toBe(true);
      const index = JSON.parse(readFileSync(join(dir, "search-index.json"), "utf8"));
      expect(index.entries.map((entry: { url: string }) => entry.url)).toContain(letterUrl("sussex"));
      const search = readFileSync(join(dir, "search", "index.html"), "utf8");
      expect(search).toContain('<script type="module" src="/assets/public-search.js"></script>');
      // Exporting again replaces a previous export.
      await exportStaticSite({ app: test.app, services: services(), dir });
      expect(existsSync(join(dir, "index.html"))).toBe(true);
      expect(readdirSync(dirname(dir))).toEqual(["site"]);
    });

    it("shows what is published later", async () => {
      // Each was unpublished on its own: publishing the campaign leaves them off…
      await publish({ entity: "campaign", campaign });
      expect((await get(letterUrl("thames-valley"))).status).toBe(404);
      // …until each is published; then the campaign brings back what sits under them (the reply).
      await publish({ entity: "letter", campaign, recipient: "thames-valley" });
      await publish({ entity: "document", campaign, document: essexPlan });
      await publish({ entity: "campaign", campaign });
      const dir = join(tempDir("postbag-static-"), "site");
      await exportStaticSite({ app: test.app, services: services(), dir });
      const all = filesUnder(dir)
        .map((file) => readFileSync(file, "latin1"))
        .join("\n");
      for (const hidden of HIDDEN) expect(all).toContain(hidden);
      for (const [path, body] of await everyPublicText()) {
        if (path.includes("q=Stansfeld") || path.includes("q=wombatword")) {
          expect(body, path).toContain(letterUrl("thames-valley"));
        }
        if (path.includes("q=numbatword")) expect(body, path).toContain("essex-plan");
      }
      expect((await text(letterUrl("thames-valley"))).body).toContain("Anthony Stansfeld");
      expect((await text(letterUrl("essex"))).body).toContain("essex-plan.txt");
    });

    it("refuses a folder that is not a previous export, and leaves nothing when it fails", async () => {
      const parent = tempDir("postbag-static-");
      const occupied = join(parent, "occupied");
      mkdirSync(occupied);
      writeFileSync(join(occupied, "notes.txt"), "mine");
      await expect(exportStaticSite({ app: test.app, services: services(), dir: occupied })).rejects.toThrow(
        /not empty/,
      );
      expect(readdirSync(occupied)).toEqual(["notes.txt"]);
      const real = await services().publicCampaigns();
      const broken = {
        config: services().config,
        publicCampaigns: async () => [...real, { ...real[0]!, id: "not-published" }],
      };
      await expect(
        exportStaticSite({ app: test.app, services: broken, dir: join(parent, "site") }),
      ).rejects.toThrow(/404/);
      expect(readdirSync(parent)).toEqual(["occupied"]);
    });
  });
});
