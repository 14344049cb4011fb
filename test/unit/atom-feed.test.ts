import { describe, expect, it } from "vitest";
import { atomFeed, xml } from "../../src/publishing/atom-feed.ts";
import type { PublicCampaign, PublicLetter } from "../../src/publishing/public-model.ts";
import { PageCache, matchesEtag } from "../../src/web/public/page-cache.ts";
import {
  formatBytes,
  itemStateText,
  officeName,
  pagination,
  paragraphs,
  searchForm,
} from "../../src/web/public/public-view.ts";

// The Atom feed is pure: campaigns and a base URL in, escaped XML out, an
// entry per published letter and reply. Also the public pages' pure helpers.

function letter(overrides: Partial<PublicLetter> = {}): PublicLetter {
  return {
    id: 7,
    recipient: "sussex",
    name: "Katy <Bourne>",
    title: "Sussex PCC",
    organisation: "Sussex & Co",
    sentOn: "2020-10-13",
    state: "replied",
    publishedAt: new Date("2021-01-02T10:00:00Z"),
    pdfHash: null,
    content: {} as PublicLetter["content"],
    items: [],
    repliedOn: "2020-11-02",
    replies: [
      {
        id: 3,
        receivedOn: "2020-11-02",
        channel: "email",
        publishedAt: new Date("2021-01-03T10:00:00Z"),
        documents: [
          {
            id: 9,
            source: "file",
            name: "plan.pdf",
            mediaType: "application/pdf",
            hash: "abc",
            size: 10,
            text: "",
            publishedAt: new Date("2021-01-03T10:00:00Z"),
          },
        ],
      },
    ],
    ...overrides,
  };
}

function campaign(overrides: Partial<PublicCampaign> = {}): PublicCampaign {
  return {
    digest: null,
    id: "vru-2020",
    title: 'Units & "friends"',
    purpose: "To ask.",
    date: "2020-10-13",
    sender: { name: "Dame Sara", role: "Commissioner" },
    requests: [],
    publishedAt: new Date("2021-01-01T00:00:00Z"),
    letters: [letter()],
    ...overrides,
  };
}

const feed = (campaigns: PublicCampaign[]) =>
  atomFeed({
    title: "Office <feed>",
    author: "Office",
    campaigns,
    baseUrl: "https://letters.example.org/",
    selfPath: "/feed.atom",
    pagePath: "/",
  });

describe("atomFeed", () => {
  it("has an entry for each published letter and reply, newest first, with absolute ids", () => {
    const text = feed([campaign()]);
    expect(
      text.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'),
    ).toBe(true);
    expect(text.match(/<entry>/g)).toHaveLength(2);
    expect(text).toContain("<id>https://letters.example.org/feed.atom</id>");
    expect(text).toContain("<updated>2021-01-03T10:00:00.000Z</updated>");
    const ids = [...text.matchAll(/<entry>\s*<id>([^<]+)<\/id>/g)].map((match) => match[1]);
    expect(ids).toEqual([
      "https://letters.example.org/campaigns/vru-2020/letters/sussex/#reply-3",
      "https://letters.example.org/campaigns/vru-2020/letters/sussex/",
    ]);
    expect(text).toContain("<published>2020-10-13T00:00:00Z</published>");
    expect(text).toContain("with 1 file");
  });

  it("escapes every value", () => {
    const text = feed([campaign()]);
    expect(text).toContain("<title>Office &lt;feed&gt;</title>");
    expect(text).toContain("Katy &lt;Bourne&gt;");
    expect(text).toContain("Sussex &amp; Co");
    expect(text).toContain("Units &amp; &quot;friends&quot;");
    expect(text).not.toMatch(/<Bourne>|& Co/);
    expect(xml("a\u0001b'")).toBe("ab&apos;");
  });

  it("is a valid empty feed when nothing is published", () => {
    const text = feed([]);
    expect(text).not.toContain("<entry>");
    expect(text).toContain("<updated>1970-01-01T00:00:00.000Z</updated>");
  });

  it("takes updated from the newest publication", () => {
    const text = feed([
      campaign({ letters: [letter({ replies: [] })], publishedAt: new Date("2022-05-05T00:00:00Z") }),
    ]);
    expect(text).toMatch(/<author><name>Office<\/name><\/author>[\s\S]*/);
    expect(text.split("<entry>")[0]).toContain("<updated>2022-05-05T00:00:00.000Z</updated>");
  });
});

describe("public pages' helpers", () => {
  it("names the office: configured, else the newest campaign's sender, else Postbag", () => {
    expect(officeName("The Office", [campaign()])).toBe("The Office");
    expect(
      officeName(null, [
        campaign(),
        campaign({ publishedAt: new Date("2023-01-01"), sender: { name: "A", role: "Newer role" } }),
      ]),
    ).toBe("Newer role");
    expect(officeName(null, [])).toBe("Postbag");
  });

  it("words states, sizes and paragraphs", () => {
    expect(itemStateText("not-held")).toBe("Not held");
    expect(formatBytes(1)).toBe("1 byte");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(5 * 1024 * 1024)).toBe("5.0 MB");
    expect(paragraphs("One\nline\r\n\r\nTwo\n\n\n")).toEqual(["One\nline", "Two"]);
  });

  it("reads the search form, dropping unknown filters and refusing a long query", () => {
    const facets = { campaigns: ["vru-2020"], bodies: ["Sussex"] };
    expect(
      searchForm({ q: " x ", campaign: "other", body: "Sussex", state: "bad", page: "2" }, facets),
    ).toEqual({
      q: "x",
      campaign: "",
      body: "Sussex",
      state: "",
      page: 2,
      error: null,
    });
    expect(searchForm({ q: "a".repeat(201) }, facets).error?.field).toBe("q");
    const form = searchForm({ q: "a b", page: "3" }, facets);
    const pages = pagination(form, 95)!;
    expect(pages.previous?.href).toBe("/search/?q=a+b&page=2");
    expect(pages.next?.href).toBe("/search/?q=a+b&page=4");
    expect(pagination(form, 20)).toBeNull();
  });

  it("caches pages for a while, the oldest out first, with strong ETags", () => {
    let now = 0;
    const cache = new PageCache({ ttlMs: 5000, maxEntries: 2, now: () => now });
    const entry = cache.set("a", { status: 200, type: "text/plain", body: "hello" });
    expect(entry.etag).toBe('"aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d"');
    expect(matchesEtag(`W/"x", ${entry.etag}`, entry.etag)).toBe(true);
    expect(matchesEtag('"x"', entry.etag)).toBe(false);
    cache.set("b", { status: 200, type: "text/plain", body: "b" });
    cache.set("c", { status: 200, type: "text/plain", body: "c" });
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("c")).toBeDefined();
    now = 5000;
    expect(cache.get("c")).toBeUndefined();
  });
});
